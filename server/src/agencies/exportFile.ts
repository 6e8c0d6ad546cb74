import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { streamTable } from '../platform/spreadsheet';
import { shanghaiDateTime } from '../platform/time';
import { DISTRICTS } from '../reference/districts';
import { RECORD_STATUSES, SERVICE_TYPES } from '../reference/vocabulary';
import { AGENCY_IMPORT_COLUMNS } from './importer';
import type { AgencyOfficeView } from './schemas';

const SOURCE_LABELS: Record<AgencyOfficeView['source'], string> = { self: '机构申报', import: '批量导入', office: '人才工作部门登记' };
const EXPORT_HEADERS = ['机构名称', '统一社会信用代码', '服务类型', '区县', '地址', '联系人', '联系电话', '营收年度', '营业收入（元）', '从业人才数', '审核状态', '未通过原因', '来源', '认证时间'];

function exportRow(a: AgencyOfficeView): unknown[] {
  return [
    a.name,
    a.creditCode,
    a.serviceTypes.map((t) => SERVICE_TYPES.labels[t]).join('、'),
    a.districtName,
    a.address ?? '',
    a.contactName ?? '',
    a.contactPhone ?? '',
    a.annualRevenue?.year ?? '',
    a.annualRevenue?.amountYuan ?? '',
    a.practitionerCount,
    RECORD_STATUSES.labels[a.status],
    a.rejectReason ?? '',
    SOURCE_LABELS[a.source],
    a.verifiedAt ? shanghaiDateTime(a.verifiedAt) : '',
  ];
}

/** Streams the export (cells that could run as formulas escaped) so a large one never sits in memory whole. */
export function agencyExportStream(format: 'xlsx' | 'csv', batches: AsyncGenerator<AgencyOfficeView[]>): Readable {
  return streamTable(format, '服务机构名录', EXPORT_HEADERS, batches, exportRow);
}

/** The import template: the columns in order, an example row, and a sheet of allowed values. */
export async function agencyImportTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const headers = AGENCY_IMPORT_COLUMNS.map((c) => c.header);
  const example = ['重庆某知识产权代理有限公司', '91500000MA5U7G0F2C', '代理、咨询', '渝北区', '重庆市渝北区某路 1 号', '李四', '023-67001234', '2025', '3500000', '已认证'];
  if (format === 'csv') {
    return new Promise((resolve, reject) => stringify([headers, example], { bom: true }, (err, text) => (err ? reject(err) : resolve(Buffer.from(text)))));
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('服务机构');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((column) => (column.width = 20));
  sheet.getColumn(2).numFmt = '@';
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列', '是否必填', '可填写的值']).font = { bold: true };
  const allowed: Record<string, string> = {
    统一社会信用代码: '18 位，营业执照上的统一社会信用代码（校验位会被核对）',
    服务类型: `${SERVICE_TYPES.options.map((o) => o.label).join('、')}（可多选，用顿号分隔）`,
    区县: DISTRICTS.map((d) => d.name).join('、'),
    营收年度: '四位年份，如 2025；与营业收入同时填写',
    '营业收入（元）': '该年度营业收入，以元为单位的整数',
    审核状态: '已认证、待审核（不填为已认证；已登记的机构不改变其审核状态）',
  };
  for (const column of AGENCY_IMPORT_COLUMNS) help.addRow([column.header, column.required ? '必填' : '选填', allowed[column.header] ?? '']);
  help.getColumn(3).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
