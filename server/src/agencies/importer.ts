import { UniqueConstraintError } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ValidationError } from '../platform/errors';
import { DISTRICTS, districtName } from '../reference/districts';
import { SERVICE_TYPES } from '../reference/vocabulary';
import type { AgencyModels, AgencyRow } from './models';
import { agencyInput, type AgencyInput } from './schemas';
import { agencyColumns } from './service';

/** An uploaded .xlsx or .csv read as rows (the header is row 1); talent's importFile.openSheet, given by modules.ts. */
export interface SheetRows {
  rows(): AsyncGenerator<{ row: number; cells: string[] }>;
  close(): void;
}
export type SheetOpener = (file: { path: string; size: number } | undefined, filename: string) => Promise<SheetRows>;

/** The columns of an agency import file: Chinese headers and the aliases people use. */
export const AGENCY_IMPORT_COLUMNS = [
  { key: 'name', header: '机构名称', aliases: ['单位名称', '机构全称'], required: true },
  { key: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], required: true },
  { key: 'serviceTypes', header: '服务类型', aliases: ['业务类型'], required: true },
  { key: 'district', header: '区县', aliases: ['所在区县'], required: true },
  { key: 'address', header: '地址', aliases: ['办公地址', '注册地址'], required: false },
  { key: 'contactName', header: '联系人', aliases: [], required: false },
  { key: 'contactPhone', header: '联系电话', aliases: ['电话'], required: false },
  { key: 'revenueYear', header: '营收年度', aliases: ['营业收入年度'], required: false },
  { key: 'revenueYuan', header: '营业收入（元）', aliases: ['营业收入(元)', '营业收入'], required: false },
  { key: 'status', header: '审核状态', aliases: ['状态'], required: false },
] as const;
type ColumnKey = (typeof AGENCY_IMPORT_COLUMNS)[number]['key'];
const HEADER_OF = Object.fromEntries(AGENCY_IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface AgencyImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  errorCount: number;
  dryRun: boolean;
}

export const MAX_REPORTED_ERRORS = 1000;
/** An agency list is hundreds of rows; more than this is not an agency list. */
export const MAX_AGENCY_ROWS = 20_000;
const BATCH = 200;

function lookup(entries: readonly { value: string; label: string }[]) {
  const map = new Map<string, string>();
  for (const e of entries) {
    map.set(e.label, e.value);
    map.set(e.value.toLowerCase(), e.value);
  }
  return (text: string) => map.get(text) ?? map.get(text.toLowerCase());
}
const SERVICE_TYPE = lookup([...SERVICE_TYPES.options, ...SERVICE_TYPES.options.map((o) => ({ value: o.value, label: `${o.label}服务` }))]);
const DISTRICT = (() => {
  const map = new Map<string, string>();
  for (const d of DISTRICTS) {
    map.set(d.code, d.code);
    map.set(d.name, d.code);
  }
  return (text: string) => map.get(text.replace(/^重庆市?/, ''));
})();
const STATUS = lookup([
  { value: 'verified', label: '已认证' },
  { value: 'pending', label: '待审核' },
]);
const LIST = /[、,，;；/\n]+/;

interface ParsedRow {
  row: number;
  input: AgencyInput;
  status: 'verified' | 'pending';
}

/** The column an issue of the input schema belongs to. */
function columnOf(path: readonly PropertyKey[]): ColumnKey {
  if (path[0] === 'annualRevenue') return path[1] === 'year' ? 'revenueYear' : 'revenueYuan';
  const key = String(path[0] ?? 'name');
  return (key in HEADER_OF ? key : 'name') as ColumnKey;
}

/** One row → a valid agency, or the errors naming its columns. */
function parseRow(row: number, get: (key: ColumnKey) => string): ParsedRow | ImportError[] {
  const errors: ImportError[] = [];
  const bad = (key: ColumnKey, message: string) => {
    if (!errors.some((e) => e.column === HEADER_OF[key])) errors.push({ row, column: HEADER_OF[key], message });
  };
  const types = get('serviceTypes').split(LIST).map((s) => s.trim()).filter(Boolean).map((text) => SERVICE_TYPE(text) ?? (bad('serviceTypes', `无法识别的服务类型「${text}」`), text));
  const districtText = get('district');
  const district = districtText === '' ? undefined : DISTRICT(districtText) ?? (bad('district', `无法识别的区县「${districtText}」`), districtText);
  const yearText = get('revenueYear');
  const yuanText = get('revenueYuan').replace(/[,，\s]/g, '');
  let annualRevenue: { year: number; amountYuan: number } | undefined;
  if (yearText || yuanText) {
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    const amount = /^\d+(\.0+)?$/.test(yuanText) ? Number(yuanText) : NaN;
    if (!yearText) bad('revenueYear', '填写了营业收入，请同时填写营收年度');
    else if (Number.isNaN(year)) bad('revenueYear', `营收年度应为四位年份，如 2025（现为「${yearText}」）`);
    if (!yuanText) bad('revenueYuan', '填写了营收年度，请同时填写营业收入（元）');
    else if (Number.isNaN(amount)) bad('revenueYuan', `营业收入应为以元为单位的整数（现为「${get('revenueYuan')}」）`);
    annualRevenue = { year, amountYuan: amount };
  }
  const statusText = get('status');
  const status = statusText === '' ? 'verified' : STATUS(statusText);
  if (!status) bad('status', `审核状态只能是已认证或待审核（现为「${statusText}」）`);
  const parsed = agencyInput.safeParse({
    name: get('name'),
    creditCode: get('creditCode'),
    serviceTypes: types,
    district,
    address: get('address') || undefined,
    contactName: get('contactName') || undefined,
    contactPhone: get('contactPhone') || undefined,
    annualRevenue,
  });
  if (!parsed.success) for (const issue of parsed.error.issues) bad(columnOf(issue.path), issue.message);
  const order = (column: string) => AGENCY_IMPORT_COLUMNS.findIndex((c) => c.header === column);
  if (errors.length || !parsed.success) return errors.sort((a, b) => order(a.column) - order(b.column));
  return { row, input: parsed.data, status: status as 'verified' | 'pending' };
}

/**
 * Imports agencies keyed on the 统一社会信用代码, with the talent import's semantics: the whole file is
 * read and checked before anything is written (a file without its required columns or rows changes
 * nothing), errors by row and column, good rows applied, new agencies created (verified unless the
 * file says 待审核), known ones updated (their status is the office's: an import never changes it),
 * the same file twice changes nothing, dry run. District staff import only their district's agencies.
 */
export class AgencyImporter {
  constructor(
    private readonly db: Database,
    private readonly models: AgencyModels,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly openSheet: SheetOpener,
  ) {}

  async run(actorId: number, file: { path: string; size: number } | undefined, filename: string, dryRun: boolean, district: string | null = null): Promise<AgencyImportReport> {
    const sheet = await this.openSheet(file, filename);
    const report: AgencyImportReport = { created: 0, updated: 0, unchanged: 0, errors: [], errorCount: 0, dryRun };
    const fail = (errors: ImportError[]) => {
      for (const e of errors) if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
      report.errorCount += errors.length;
    };
    const good: ParsedRow[] = [];
    try {
      const indexOf = new Map<ColumnKey, number>();
      let header = true;
      let dataRows = 0;
      const firstRowOf = new Map<string, number>();
      for await (const { row, cells } of sheet.rows()) {
        if (header) {
          header = false;
          for (const column of AGENCY_IMPORT_COLUMNS) {
            const at = row === 1 ? cells.findIndex((h) => h === column.header || (column.aliases as readonly string[]).includes(h)) : -1;
            if (at >= 0) indexOf.set(column.key, at);
          }
          const missing = AGENCY_IMPORT_COLUMNS.filter((c) => c.required && !indexOf.has(c.key)).map((c) => c.header);
          if (missing.length) throw new ValidationError(missing.map((h) => ({ path: h, message: `缺少必填列「${h}」` })), `文件缺少必填列：${missing.join('、')}`);
          if (row === 1) continue;
        }
        if (++dataRows > MAX_AGENCY_ROWS) throw new ValidationError([{ path: 'file', message: `一次最多导入 ${MAX_AGENCY_ROWS} 行` }], '文件行数过多');
        const parsed = parseRow(row, (key) => (indexOf.has(key) ? (cells[indexOf.get(key)!] ?? '').trim() : ''));
        if (Array.isArray(parsed)) {
          fail(parsed);
          continue;
        }
        if (district && parsed.input.district !== district) {
          fail([{ row, column: HEADER_OF.district, message: `只能导入本区县（${districtName(district) ?? district}）的机构` }]);
          continue;
        }
        const earlier = firstRowOf.get(parsed.input.creditCode);
        if (earlier !== undefined) {
          fail([{ row, column: HEADER_OF.creditCode, message: `与第 ${earlier} 行的统一社会信用代码重复` }]);
          continue;
        }
        firstRowOf.set(parsed.input.creditCode, row);
        good.push(parsed);
      }
      if (header) throw new ValidationError(AGENCY_IMPORT_COLUMNS.filter((c) => c.required).map((c) => ({ path: c.header, message: `缺少必填列「${c.header}」` })), '文件中没有内容');
      if (dataRows === 0) throw new ValidationError([{ path: 'file', message: '文件中没有数据行' }], '文件中没有数据行');
    } finally {
      sheet.close();
    }

    for (let i = 0; i < good.length; i += BATCH) {
      const batch = good.slice(i, i + BATCH);
      let outcomes: (keyof Pick<AgencyImportReport, 'created' | 'updated' | 'unchanged'> | ImportError)[];
      try {
        outcomes = await this.applyBatch(batch, dryRun, district);
      } catch (err) {
        // Someone registered one of these codes meanwhile: once more, and it is an update now.
        if (!(err instanceof UniqueConstraintError)) throw err;
        outcomes = await this.applyBatch(batch, dryRun, district);
      }
      for (const outcome of outcomes) {
        if (typeof outcome === 'string') report[outcome]++;
        else fail([outcome]);
      }
    }
    report.errors.sort((a, b) => a.row - b.row);
    if (!dryRun) {
      await this.db.writeTransaction((transaction) =>
        this.audit.record({ actorId, action: 'agency.import', entity: 'import', entityId: filename.slice(0, 64) || 'upload', district, after: { created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errorCount } }, transaction),
      );
    }
    return report;
  }

  /** One batch in one transaction (or, dry-running, the same lookups and no writes). Counted once committed. */
  private async applyBatch(batch: ParsedRow[], dryRun: boolean, district: string | null) {
    type Transaction = Parameters<Parameters<Database['writeTransaction']>[0]>[0];
    const apply = async (transaction?: Transaction) => {
      const existing = new Map<string, AgencyRow>((await this.models.Agency.findAll({ where: { creditCode: batch.map((r) => r.input.creditCode) }, transaction })).map((r) => [r.creditCode, r]));
      const outcomes: ('created' | 'updated' | 'unchanged' | ImportError)[] = [];
      for (const { row, input, status } of batch) {
        const current = existing.get(input.creditCode);
        const columns = agencyColumns({ ...input, address: input.address ?? null, contactName: input.contactName ?? null, contactPhone: input.contactPhone ?? null, annualRevenue: input.annualRevenue ?? null });
        if (!current) {
          if (transaction) {
            await this.models.Agency.create(
              { name: input.name, creditCode: input.creditCode, serviceTypes: input.serviceTypes, district: input.district, address: null, contactName: null, contactPhone: null, revenueYear: null, revenueYuan: null, ...columns, status, rejectReason: null, verifiedAt: status === 'verified' ? this.clock.now() : null, source: 'import' },
              { transaction },
            );
          }
          outcomes.push('created');
          continue;
        }
        if (district && current.district !== district) {
          outcomes.push({ row, column: HEADER_OF.creditCode, message: '该机构属于其他区县，请联系市级人才工作部门' });
          continue;
        }
        // A file without revenue keeps the revenue on record (the latest reported stays until a newer one comes).
        if (!input.annualRevenue) {
          delete columns.revenueYear;
          delete columns.revenueYuan;
        }
        const changes = Object.fromEntries(Object.entries(columns).filter(([key, value]) => JSON.stringify(current.get(key as keyof AgencyRow)) !== JSON.stringify(value)));
        if (Object.keys(changes).length === 0) {
          outcomes.push('unchanged');
          continue;
        }
        if (transaction) await current.update(changes, { transaction });
        outcomes.push('updated');
      }
      return outcomes;
    };
    return dryRun ? apply() : this.db.writeTransaction(apply);
  }
}
