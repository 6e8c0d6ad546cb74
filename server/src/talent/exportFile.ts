import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { streamTable } from '../platform/spreadsheet';
import { shanghaiDateTime } from '../platform/time';
import { CATEGORIES, EDUCATIONS, GENDERS, IP_FIELDS, ORG_TYPES, RECORD_SOURCES, RECORD_STATUSES, TIERS, TITLE_LEVELS, TITLE_SERIES } from '../reference/vocabulary';
import { DISTRICTS } from '../reference/districts';
import { IMPORT_COLUMNS } from './importer';
import type { PractitionerOfficeView } from './schemas';

const EXPORT_HEADERS = ['姓名', '身份证号码（脱敏）', '性别', '出生日期', '区县', '工作单位', '单位类型', '人才类别', '业务领域', '职称', '职称系列', '职称名称', '学历', '知识产权专业学位', '服务机构统一社会信用代码', '人才层次', '执业资格', '邮箱', '手机号（脱敏）', '审核状态', '来源', '认证时间'];

function exportRow(p: PractitionerOfficeView): unknown[] {
  return [
    p.name,
    p.idNumberMasked,
    GENDERS.labels[p.gender],
    p.birthDate,
    p.districtName,
    p.orgName,
    ORG_TYPES.labels[p.orgType],
    CATEGORIES.labels[p.category],
    p.ipFields.map((f) => IP_FIELDS.labels[f]).join('、'),
    TITLE_LEVELS.labels[p.titleLevel],
    p.titleSeries ? TITLE_SERIES.labels[p.titleSeries] : '',
    p.titleName ?? '',
    p.education ? EDUCATIONS.labels[p.education] : '',
    p.ipDegree ? '是' : '否',
    p.agencyCreditCode ?? '',
    TIERS.labels[p.tier],
    p.qualifications.join('、'),
    p.email ?? '',
    p.phoneMasked ?? '',
    RECORD_STATUSES.labels[p.status],
    RECORD_SOURCES.labels[p.source],
    p.verifiedAt ? shanghaiDateTime(p.verifiedAt) : '',
  ];
}

/** Streams the export (cells that could run as formulas escaped) so a large one never sits in memory whole. */
export function exportStream(format: 'xlsx' | 'csv', batches: AsyncGenerator<PractitionerOfficeView[]>): Readable {
  return streamTable(format, '人才库', EXPORT_HEADERS, batches, exportRow);
}

/** The import template: the columns in order, an example row, and a sheet of allowed values. */
export async function importTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  const example = ['张三', '50010319880512123X', '男', '渝中区', '重庆某知识产权代理有限公司', '知识产权服务机构', '知识产权代理', '专利、商标', '中级', '知识产权', '本科', '否', '91500000MA5U7G0F2C', '无', '专利代理师资格证', 'zhangsan@example.com', '已认证'];
  if (format === 'csv') {
    return new Promise((resolve, reject) =>
      stringify([headers, example], { bom: true }, (err, text) => (err ? reject(err) : resolve(Buffer.from(text)))),
    );
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人才信息');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((column) => (column.width = 18));
  // ID numbers must stay text, or Excel turns them into 5.00103E+17.
  sheet.getColumn(2).numFmt = '@';
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列', '是否必填', '可填写的值']).font = { bold: true };
  const allowed: Record<string, string> = {
    区县: DISTRICTS.map((d) => d.name).join('、'),
    单位类型: ORG_TYPES.options.map((o) => o.label).join('、'),
    人才类别: CATEGORIES.options.map((o) => o.label).join('、'),
    业务领域: `${IP_FIELDS.options.map((o) => o.label).join('、')}（可多选，用顿号分隔）`,
    职称: TITLE_LEVELS.options.map((o) => o.label).join('、'),
    职称系列: `${TITLE_SERIES.options.map((o) => o.label).join('、')}（知识产权即知识产权师系列）`,
    学历: EDUCATIONS.options.map((o) => o.label).join('、'),
    知识产权专业学位: '是、否（最高学历是否为知识产权或知识产权法专业，不填为否）',
    服务机构统一社会信用代码: '18 位，所在知识产权服务机构的统一社会信用代码（可不填）',
    人才层次: TIERS.options.map((o) => o.label).join('、'),
    性别: '男、女（可不填，按身份证号码判断）',
    审核状态: '已认证、待审核（不填为已认证）',
    身份证号码: '18 位，须为文本格式',
  };
  for (const column of IMPORT_COLUMNS) help.addRow([column.header, column.required ? '必填' : '选填', allowed[column.header] ?? '']);
  help.getColumn(3).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
