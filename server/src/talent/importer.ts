import type { AuditService } from '../audit/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ValidationError } from '../platform/errors';
import { DISTRICTS } from '../reference/districts';
import { districtName } from '../reference/districts';
import { CATEGORIES, EDUCATIONS, GENDERS, IP_FIELDS, ORG_TYPES, TIERS, TITLE_LEVELS, TITLE_SERIES, type Tier } from '../reference/vocabulary';
import { hashIdNumber, maskIdNumber } from './idNumber';
import { openSheet } from './importFile';
import type { NewPractitioner, PractitionerRow, TalentModels } from './models';
import { profileInput, type ProfileInput } from './schemas';

/** The columns of an import file: Chinese headers (and the aliases people actually use). */
export const IMPORT_COLUMNS = [
  { key: 'name', header: '姓名', aliases: [], required: true },
  { key: 'idNumber', header: '身份证号码', aliases: ['身份证号', '公民身份号码'], required: true },
  { key: 'gender', header: '性别', aliases: [], required: false },
  { key: 'district', header: '区县', aliases: ['所在区县'], required: true },
  { key: 'orgName', header: '工作单位', aliases: ['单位名称'], required: true },
  { key: 'orgType', header: '单位类型', aliases: ['单位性质'], required: true },
  { key: 'category', header: '人才类别', aliases: ['从业类别'], required: true },
  { key: 'ipFields', header: '业务领域', aliases: ['专业领域'], required: true },
  { key: 'titleLevel', header: '职称', aliases: ['知识产权职称', '职称级别'], required: true },
  { key: 'titleSeries', header: '职称系列', aliases: [], required: false },
  { key: 'education', header: '学历', aliases: ['最高学历'], required: false },
  { key: 'ipDegree', header: '知识产权专业学位', aliases: ['是否知识产权专业'], required: false },
  { key: 'agencyCreditCode', header: '服务机构统一社会信用代码', aliases: ['机构信用代码', '统一社会信用代码'], required: false },
  { key: 'tier', header: '人才层次', aliases: [], required: false },
  { key: 'qualifications', header: '执业资格', aliases: ['资格证书'], required: false },
  { key: 'email', header: '邮箱', aliases: ['电子邮箱'], required: false },
  { key: 'status', header: '审核状态', aliases: ['状态'], required: false },
] as const;
type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** The first MAX_REPORTED_ERRORS errors, in row order. */
  errors: ImportError[];
  /** How many errors there were in all (more than errors.length when the list was cut). */
  errorCount: number;
  dryRun: boolean;
}

/** A file of 100,000 bad rows would otherwise answer with a list of 100,000 errors (tens of MB). */
export const MAX_REPORTED_ERRORS = 1000;

/** Label or value, either accepted: 企业 or enterprise. */
function lookup(entries: readonly { value: string; label: string }[]) {
  const map = new Map<string, string>();
  for (const e of entries) {
    map.set(e.label, e.value);
    map.set(e.value.toLowerCase(), e.value);
  }
  return (text: string) => map.get(text) ?? map.get(text.toLowerCase());
}
const DISTRICT = (() => {
  const map = new Map<string, string>();
  for (const d of DISTRICTS) {
    map.set(d.code, d.code);
    map.set(d.name, d.code);
  }
  return (text: string) => map.get(text.replace(/^重庆市?/, ''));
})();
const ORG_TYPE = lookup(ORG_TYPES.options);
const CATEGORY = lookup(CATEGORIES.options);
const IP_FIELD = lookup(IP_FIELDS.options);
const TITLE = lookup(TITLE_LEVELS.options);
const TIER = lookup(TIERS.options);
const SERIES = lookup(TITLE_SERIES.options);
const EDUCATION = lookup(EDUCATIONS.options);
const YES_NO = lookup([
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
]);
const GENDER = lookup(GENDERS.options);
const STATUS = lookup([
  { value: 'verified', label: '已认证' },
  { value: 'pending', label: '待审核' },
]);
const LIST = /[、,，;；/\n]+/;

interface ParsedRow {
  row: number;
  profile: ProfileInput;
  tier: Tier | undefined;
  status: 'verified' | 'pending';
}

/** One spreadsheet row → a valid record, or the errors naming its columns. Nothing half-valid. */
function parseRow(row: number, get: (key: ColumnKey) => string): ParsedRow | ImportError[] {
  const errors: ImportError[] = [];
  const bad = (key: ColumnKey, message: string) => errors.push({ row, column: HEADER_OF[key], message });
  const mapped = <T>(key: ColumnKey, map: (s: string) => T | undefined, what: string): T | string | undefined => {
    const text = get(key);
    if (text === '') return undefined;
    const value = map(text);
    if (value === undefined) bad(key, `无法识别的${what}「${text}」`);
    return value ?? text;
  };
  const ipTexts = get('ipFields').split(LIST).filter(Boolean);
  const ipFields = ipTexts.map((text) => IP_FIELD(text) ?? (bad('ipFields', `无法识别的业务领域「${text}」`), text));
  const candidate = {
    name: get('name'),
    idNumber: get('idNumber'),
    gender: mapped('gender', GENDER, '性别'),
    district: mapped('district', DISTRICT, '区县'),
    orgName: get('orgName'),
    orgType: mapped('orgType', ORG_TYPE, '单位类型'),
    category: mapped('category', CATEGORY, '人才类别'),
    ipFields,
    titleLevel: mapped('titleLevel', TITLE, '职称'),
    titleSeries: mapped('titleSeries', SERIES, '职称系列'),
    education: mapped('education', EDUCATION, '学历'),
    ipDegree: (mapped('ipDegree', YES_NO, '是否（只能填 是 或 否）') ?? 'false') === 'true',
    agencyCreditCode: get('agencyCreditCode') || undefined,
    qualifications: get('qualifications').split(LIST).map((q) => q.trim()).filter(Boolean),
    email: get('email') || undefined,
  };
  const tier = mapped('tier', TIER, '人才层次') as Tier | undefined;
  const status = (mapped('status', STATUS, '审核状态（只能是已认证或待审核）') ?? 'verified') as 'verified' | 'pending';
  if (/^\d+(\.\d+)?[eE]\+\d+$/.test(candidate.idNumber)) {
    bad('idNumber', '身份证号码被 Excel 存成了数字（科学计数法），请把该列设为文本后重新填写');
  }
  const parsed = profileInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'name') as ColumnKey;
      if (!errors.some((e) => e.column === HEADER_OF[key])) bad(key, issue.message);
    }
  }
  // Reported in the file's column order, the way a person reads the row.
  const order = (column: string) => IMPORT_COLUMNS.findIndex((c) => c.header === column);
  if (errors.length || !parsed.success) return errors.sort((a, b) => order(a.column) - order(b.column));
  return { row, profile: parsed.data, tier, status };
}

function requireColumns(indexOf: Map<ColumnKey, number>): void {
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !indexOf.has(c.key)).map((c) => c.header);
  if (missing.length) {
    throw new ValidationError(missing.map((h) => ({ path: h, message: `缺少必填列「${h}」` })), `文件缺少必填列：${missing.join('、')}`);
  }
}

const outsideDistrict = (district: string) => `只能导入本区县（${districtName(district) ?? district}）的人员`;

/** Rows per transaction: each row lands whole or not at all; batches keep big files fast. */
const BATCH = 200;

type Transaction = Parameters<Parameters<Database['writeTransaction']>[0]>[0];
type Outcome = 'created' | 'updated' | 'unchanged';
/** A valid row as a batch keeps it until written: the record's fields, not the validator's output. */
interface GoodRow {
  row: number;
  idHash: string;
  fields: ImportedFields;
  tier: Tier | undefined;
  status: 'verified' | 'pending';
}
type ImportedFields = ReturnType<typeof fieldsOf>;

function fieldsOf(p: ProfileInput) {
  return {
    name: p.name,
    idMasked: maskIdNumber(p.idNumber.normalized),
    gender: p.idNumber.gender,
    birthDate: p.idNumber.birthDate,
    district: p.district,
    orgName: p.orgName,
    orgType: p.orgType,
    category: p.category,
    ipFields: p.ipFields,
    titleLevel: p.titleLevel,
    titleSeries: p.titleSeries ?? null,
    education: p.education ?? null,
    ipDegree: p.ipDegree,
    agencyCreditCode: p.agencyCreditCode ?? null,
    qualifications: p.qualifications,
    email: p.email ?? null,
  };
}

/**
 * Imports talent records keyed on the ID number's keyed hash. New people are created (verified unless
 * the file says 待审核); known unclaimed records are updated; a record an account has claimed keeps
 * what its holder entered and takes only the office's tier. The same file twice creates nothing.
 *
 * The file is streamed twice from its temporary file: once to the end before anything is written (so a
 * damaged file, or one without the required columns or rows, changes nothing), then row by row,
 * each batch of valid rows looked up and written in one transaction (new records in one bulk insert;
 * the statistics' tallies follow in the same transaction, told by the models' insertMany). Memory holds
 * two batches (one being written, the next being read), the keyed hashes seen so far (to name the
 * earlier row of a duplicate) and, for .xlsx, the shared strings table; not the file.
 */
export class TalentImporter {
  constructor(
    private readonly db: Database,
    private readonly models: TalentModels,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly idHashKey: string,
  ) {}

  /**
   * `district`: district staff import only into their own district — a row naming another district,
   * or a person whose record another district holds, is an error of that row.
   */
  async run(actorId: number, file: { path: string; size: number } | undefined, filename: string, dryRun: boolean, district: string | null = null): Promise<ImportReport> {
    const sheet = await openSheet(file, filename);
    try {
      const indexOf = new Map<ColumnKey, number>();
      let dataRows = 0;
      let first = true;
      for await (const { row, cells } of sheet.rows()) {
        if (row !== 1) dataRows++;
        if (!first) continue;
        first = false;
        // The first row read is the header if it is row 1 (an empty row 1 means no header).
        for (const column of IMPORT_COLUMNS) {
          const at = row === 1 ? cells.findIndex((h) => h === column.header || (column.aliases as readonly string[]).includes(h)) : -1;
          if (at >= 0) indexOf.set(column.key, at);
        }
        requireColumns(indexOf);
      }
      if (first) requireColumns(indexOf); // nothing at all in the file
      if (dataRows === 0) throw new ValidationError([{ path: 'file', message: '文件中没有数据行' }], '文件中没有数据行');

      const report: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [], errorCount: 0, dryRun };
      const fail = (errors: ImportError[]) => {
        for (const e of errors) if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
        report.errorCount += errors.length;
      };
      const firstRowOf = new Map<string, number>();
      let batch: GoodRow[] = [];
      // One batch is written while the next is read: the database works in its own thread (SQLite)
      // or server (MariaDB) meanwhile. Batches are still applied one after the other, in file order.
      let writing: Promise<void> | undefined;
      const flush = async () => {
        const rows = batch;
        batch = [];
        await writing;
        writing = this.applyBatch(rows, dryRun, district).then((outcomes) => {
          for (const outcome of outcomes) {
            if (typeof outcome === 'string') report[outcome]++;
            else fail([outcome]);
          }
        });
        writing.catch(() => undefined); // awaited (and thrown) at the next flush or at the end
      };
      try {
        for await (const { row, cells } of sheet.rows()) {
          if (row === 1) continue;
          const parsed = parseRow(row, (key) => (indexOf.has(key) ? (cells[indexOf.get(key)!] ?? '').trim() : ''));
          if (Array.isArray(parsed)) {
            fail(parsed);
            continue;
          }
          if (district && parsed.profile.district !== district) {
            fail([{ row, column: HEADER_OF.district, message: outsideDistrict(district) }]);
            continue;
          }
          const idHash = hashIdNumber(parsed.profile.idNumber.normalized, this.idHashKey);
          const earlier = firstRowOf.get(idHash);
          if (earlier !== undefined) {
            fail([{ row, column: HEADER_OF.idNumber, message: `与第 ${earlier} 行的身份证号码重复` }]);
            continue;
          }
          firstRowOf.set(idHash, row);
          batch.push({ row, idHash, fields: fieldsOf(parsed.profile), tier: parsed.tier, status: parsed.status });
          if (batch.length === BATCH) await flush();
        }
        if (batch.length) await flush();
        await writing;
      } finally {
        await writing?.catch(() => undefined); // nothing keeps writing after the request has its answer
      }

      report.errors.sort((a, b) => a.row - b.row); // a batch's own errors (another district's record) arrive after later rows' parse errors
      if (!dryRun) {
        await this.db.writeTransaction((transaction) =>
          this.audit.record({ actorId, action: 'talent.import', entity: 'import', entityId: filename.slice(0, 64) || 'upload', district, after: { created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errorCount } }, transaction),
        );
      }
      return report;
    } finally {
      sheet.close();
    }
  }

  /**
   * One batch: the records already known looked up together, then (unless dry-running) the changes
   * written in one transaction. Outcomes are counted by the caller only once the transaction has
   * committed, so a retried transaction (a MariaDB deadlock victim) is not counted twice.
   */
  private async applyBatch(batch: GoodRow[], dryRun: boolean, district: string | null): Promise<(Outcome | ImportError)[]> {
    const apply = async (transaction?: Transaction) => {
      const existing = new Map((await this.models.Practitioner.findAll({ where: { idHash: batch.map((r) => r.idHash) }, transaction })).map((r) => [r.idHash, r]));
      const outcomes: (Outcome | ImportError)[] = [];
      const creates: NewPractitioner[] = [];
      for (const item of batch) {
        const { fields } = item;
        const current = existing.get(item.idHash);
        if (!current) {
          creates.push({ ...fields, idHash: item.idHash, userId: null, source: 'import', tier: item.tier ?? 'none', status: item.status, rejectReason: null, verifiedAt: item.status === 'verified' ? this.clock.now() : null });
          outcomes.push('created');
          continue;
        }
        if (district && current.district !== district) {
          outcomes.push({ row: item.row, column: HEADER_OF.idNumber, message: '该人员的档案属于其他区县，请联系市级人才工作部门' });
          continue;
        }
        const changes = this.changesTo(current, item, fields);
        if (!changes) {
          outcomes.push('unchanged');
          continue;
        }
        if (transaction) await current.update(changes, { transaction });
        outcomes.push('updated');
      }
      if (transaction) await this.models.insertMany(creates, transaction);
      return outcomes;
    };
    return dryRun ? apply() : this.db.writeTransaction(apply);
  }

  /** What an import would change on a known record, or null. A claimed record belongs to its holder: only the office's tier. */
  private changesTo(current: PractitionerRow, item: GoodRow, fields: ImportedFields): Record<string, unknown> | null {
    const changes: Record<string, unknown> = {};
    if (item.tier !== undefined && item.tier !== current.tier) changes.tier = item.tier;
    if (current.userId === null) {
      for (const [key, value] of Object.entries(fields)) {
        const now = current.get(key as keyof PractitionerRow);
        if (JSON.stringify(now) !== JSON.stringify(value)) changes[key] = value;
      }
    }
    return Object.keys(changes).length ? changes : null;
  }
}
