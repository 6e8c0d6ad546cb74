import ExcelJS from 'exceljs';
import { sheetWith } from '../platform/spreadsheet';
import { districtName } from '../reference/districts';
import type { StatsService } from './service';

/**
 * The annual talent report of the city or one district. True for the year it names: a past year is
 * counted as the records stood at its end (talent's history) with the hours recorded by then, so the
 * report generated again later gives the same figures; the current year as things are now. Built from
 * the same calls as the dashboard.
 */
export async function buildReport(stats: StatsService, year: number, generatedAt: Date, district: string | null = null) {
  const scope = stats.scopeOf(district, year);
  const counts = await stats.talentCounts(scope);
  const verified = counts.practitioners.verified;
  const [training, compliance, compliantBy, agencies] = await Promise.all([
    stats.training(year, scope),
    stats.compliance(year, verified, scope),
    stats.compliantByDistrict(year, scope),
    stats.agencies(scope, year),
  ]);
  const newVerifiedInYear = [...counts.months].filter(([m]) => m.startsWith(`${year}-`)).reduce((a, [, n]) => a + n, 0);
  return {
    year,
    district,
    asOf: scope.at,
    generatedAt,
    summary: { ...counts.practitioners, newVerifiedInYear, ipDegree: counts.ipDegree },
    districts: counts.byDistrict.map((d) => ({ ...d, shortOfRule: d.count - (compliantBy.get(d.code) ?? 0) })),
    orgTypes: counts.byOrgType,
    categories: counts.byCategory,
    titleLevels: counts.byTitleLevel,
    titleSeries: counts.byTitleSeries,
    ipSeriesTitles: counts.ipSeriesTitles,
    educations: counts.byEducation,
    tiers: counts.byTier,
    training,
    compliance,
    agencies,
  };
}

export type AnnualReport = Awaited<ReturnType<typeof buildReport>>;

export function reportWorkbook(report: AnnualReport, target: { count: number; year: number }): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const s = report.summary;
  sheetWith(wb, '汇总', ['项目', '数值'], [
    ['报告年度', report.year],
    ['统计范围', report.district ? (districtName(report.district) ?? report.district) : '全市'],
    ['统计时点', report.asOf ? `${report.year} 年末` : '当前'],
    ['目标人数', target.count],
    ['已认证人数（计入目标）', s.verified],
    ['完成比例', `${((s.verified / target.count) * 100).toFixed(2)}%`],
    ['本年度新认证', s.newVerifiedInYear],
    ['待审核', s.pending],
    ['未通过', s.rejected],
    ['已停用', s.inactive],
    ['档案总数', s.total],
    ['其中知识产权专业学位', s.ipDegree],
  ]);
  sheetWith(wb, '区县分布', ['区县代码', '区县', '已认证人数', '继续教育未达标'], report.districts.map((d) => [d.code, d.name, d.count, d.shortOfRule]));
  const breakdown = (name: string, rows: { label: string; count: number }[]) => sheetWith(wb, name, ['类别', '已认证人数'], rows.map((r) => [r.label, r.count]));
  breakdown('人才类别', report.categories);
  breakdown('单位类型', report.orgTypes);
  breakdown('职称', report.titleLevels);
  breakdown('职称系列', report.titleSeries);
  breakdown('知识产权师', report.ipSeriesTitles);
  breakdown('学历', report.educations);
  breakdown('人才层次', report.tiers);
  const t = report.training;
  sheetWith(wb, '培训', ['项目', '数值'], [
    ['开班数', t.classes],
    ['报名成功人次', t.enrollments],
    ['结业人次', t.completions],
    ['授予学时', t.hoursAwarded],
  ]);
  const c = report.compliance;
  sheetWith(wb, '继续教育达标', ['项目', '数值'], [
    ['年度要求学时', c.requiredHours],
    ['其中专业科目不少于', c.minProfessionalHours],
    ['已认证人数', c.total],
    ['达标人数', c.compliant],
    ['达标率', `${(c.rate * 100).toFixed(2)}%`],
  ]);
  const a = report.agencies;
  const yuan = (n: number) => `${(n / 1e8).toFixed(4)} 亿元`;
  sheetWith(wb, '服务机构', ['项目', '数值'], [
    ['已认证服务机构', a.verified],
    ['目标机构数', a.target.count],
    ['营业收入年度', a.revenue.year],
    ['营业收入合计（元）', a.revenue.totalYuan],
    ['营业收入合计', yuan(a.revenue.totalYuan)],
    ['营业收入目标', yuan(a.revenue.targetYuan)],
    ...a.byServiceType.map((t): [string, number] => [`服务类型：${t.label}`, t.count]),
  ]);
  sheetWith(wb, '服务机构区县分布', ['区县代码', '区县', '已认证服务机构'], a.byDistrict.map((d) => [d.code, d.name, d.count]));
  return wb;
}
