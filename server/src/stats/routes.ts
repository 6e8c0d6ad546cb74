import type { Config } from '../config';
import { districtScope } from '../platform/http/auth';
import { NotFoundError } from '../platform/errors';
import { districtName } from '../reference/districts';
import type { Clock } from '../platform/clock';
import { SENT, type Routes } from '../platform/http/route';
import { sendWorkbook, XLSX_TYPE } from '../platform/spreadsheet';
import { z } from '../platform/zod';
import { buildReport, reportWorkbook } from './report';
import { complianceQuery, complianceView, districtLeagueView, overviewQuery, overviewView, reportQuery } from './schemas';
import type { StatsService } from './service';

export function registerStatsRoutes(routes: Routes, stats: StatsService, config: Config, clock: Clock): void {
  routes.define({
    method: 'get',
    path: '/api/stats/districts',
    summary: '区县排行: per district, verified practitioners, growth over 12 months and this year’s compliance rate',
    tag: 'stats',
    access: ['office'],
    response: districtLeagueView,
    handler: () => stats.districtLeague(),
  });

  routes.define({
    method: 'get',
    path: '/api/stats/overview',
    summary: 'Progress toward the target (verified, one person once) and the breakdowns, growth, training and compliance',
    tag: 'stats',
    access: ['office', 'district'],
    query: overviewQuery,
    response: overviewView,
    handler: ({ user, query }) => stats.overview(districtScope(user), query.year),
  });

  routes.define({
    method: 'get',
    path: '/api/stats/compliance',
    summary: 'Verified practitioners short of the annual rule, with the hours they miss, and by district (district staff: their district)',
    tag: 'stats',
    access: ['office', 'district'],
    query: complianceQuery,
    response: complianceView,
    errors: [404],
    handler: ({ user, query }) => {
      const own = districtScope(user);
      // District staff naming another district see nothing of it: their own district is the only one.
      const district = own ?? query.district;
      if (own && query.district && query.district !== own) throw new NotFoundError('只能查看本区县的数据');
      return stats.shortfall(query.year ?? stats.currentYear(), district, query.page, query.pageSize);
    },
  });

  routes.define({
    method: 'get',
    path: '/api/stats/report',
    summary: 'The annual talent report (json, or xlsx with sheets for the summary, districts, categories, titles, tiers, training and compliance)',
    tag: 'stats',
    access: ['office', 'district'],
    query: reportQuery,
    response: z.record(z.string(), z.unknown()),
    files: [XLSX_TYPE],
    handler: async ({ query, ctx, user }) => {
      const year = query.year ?? stats.currentYear();
      const report = await buildReport(stats, year, clock.now(), districtScope(user));
      if (query.format === 'json') return report;
      const where = report.district ? districtName(report.district) ?? report.district : '';
      await sendWorkbook(ctx, reportWorkbook(report, { count: config.target.practitioners, year: config.target.year }), `${where}${year}年度知识产权人才报告.xlsx`);
      return SENT;
    },
  });
}
