import type { Config } from '../config';
import type { Clock } from '../platform/clock';
import { SENT, type Routes } from '../platform/http/route';
import { sendWorkbook, XLSX_TYPE } from '../platform/spreadsheet';
import { z } from '../platform/zod';
import { buildReport, reportWorkbook } from './report';
import { complianceQuery, complianceView, overviewView, reportQuery } from './schemas';
import type { StatsService } from './service';

export function registerStatsRoutes(routes: Routes, stats: StatsService, config: Config, clock: Clock): void {
  routes.define({
    method: 'get',
    path: '/api/stats/overview',
    summary: 'Progress toward the target (verified, one person once) and the breakdowns, growth, training and compliance',
    tag: 'stats',
    access: ['office'],
    response: overviewView,
    handler: () => stats.overview(),
  });

  routes.define({
    method: 'get',
    path: '/api/stats/compliance',
    summary: 'Verified practitioners short of the annual rule, with the hours they miss, and by district',
    tag: 'stats',
    access: ['office'],
    query: complianceQuery,
    response: complianceView,
    handler: ({ query }) => stats.shortfall(query.year ?? stats.currentYear(), query.district, query.page, query.pageSize),
  });

  routes.define({
    method: 'get',
    path: '/api/stats/report',
    summary: 'The annual talent report (json, or xlsx with sheets for the summary, districts, categories, titles, tiers, training and compliance)',
    tag: 'stats',
    access: ['office'],
    query: reportQuery,
    response: z.record(z.string(), z.unknown()),
    files: [XLSX_TYPE],
    handler: async ({ query, ctx }) => {
      const year = query.year ?? stats.currentYear();
      const report = await buildReport(stats, year, clock.now());
      if (query.format === 'json') return report;
      await sendWorkbook(ctx, reportWorkbook(report, { count: config.target.practitioners, year: config.target.year }), `${year}年度知识产权人才报告.xlsx`);
      return SENT;
    },
  });
}
