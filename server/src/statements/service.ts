import { Transform, type Readable, type TransformCallback } from 'node:stream';
import archiver from 'archiver';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { CERTIFICATE_CODE, maskName, newCertificateCode } from '../certificates/code';
import { assess, yearTotals } from '../credits/compliance';
import type { CreditRule, CreditService, YearLedgerLine } from '../credits/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors';
import type { TalentOfficeService } from '../talent/office';
import type { PractitionerSelfView, TalentListQuery } from '../talent/schemas';
import { ERASED_RECORD_NAME, type TalentService } from '../talent/service';
import type { StatementModels, StatementRow } from './models';
import { renderStatementPdf } from './pdf';
import type { StatementView } from './schemas';

/** One export holds at most this many statements (a few minutes of rendering); more → 409, narrow the selection. */
export const EXPORT_MAX_PEOPLE = 5000;

/** How far the ZIP may run ahead of a slow download before rendering waits. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Whom a statement is about, as the talent record gives it. */
interface Holder {
  id: number;
  name: string;
  idNumberMasked: string | null;
  orgName: string;
  districtName: string;
}

const holderOf = (record: PractitionerSelfView): Holder => ({
  id: record.id,
  name: record.name,
  idNumberMasked: record.idNumberMasked && record.idNumberMasked !== ERASED_RECORD_NAME ? record.idNumberMasked : null,
  orgName: record.orgName,
  districtName: record.districtName,
});

/** What a statement says, stored with its code. */
type Snapshot = Pick<StatementRow, 'practitionerId' | 'year' | 'holderName' | 'totalHours' | 'professionalHours' | 'compliant' | 'requiredHours' | 'minProfessionalHours'>;

/** The same words as the latest statement: its code is given again rather than a new one. */
const saysTheSame = (row: StatementRow, s: Snapshot): boolean =>
  row.holderName === s.holderName &&
  row.totalHours === s.totalHours &&
  row.professionalHours === s.professionalHours &&
  Boolean(row.compliant) === s.compliant &&
  row.requiredHours === s.requiredHours &&
  row.minProfessionalHours === s.minProfessionalHours;

/** A name every unzip tool accepts: Windows forbids `* ? : " < > | \ /` (the masked ID's `*` becomes `＊`). */
const fileNamePart = (text: string): string => text.replace(/\*/g, '＊').replace(/[\\/:?"<>|\x00-\x1f]/g, '_').trim();

/** Counts the bytes that left the archiver, so rendering can wait for a slow download. */
class Meter extends Transform {
  passed = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.passed += chunk.length;
    done(null, chunk);
    this.emit('progress');
  }
}

const progressOrClose = (meter: Meter) =>
  new Promise<void>((resolve) => {
    const settle = () => {
      meter.off('progress', settle);
      meter.off('close', settle);
      resolve();
    };
    meter.on('progress', settle);
    meter.on('close', settle);
  });

/**
 * 继续教育学时证明: a practitioner's year on paper — every credit record, the totals against the year's
 * rule (credits' `rule` and `assess`), 达标 or not — with a code anyone can verify. Each statement
 * issued is kept as it was; downloading again with nothing changed gives the same code.
 */
export class StatementService {
  constructor(
    private readonly db: Database,
    private readonly models: StatementModels,
    private readonly credits: CreditService,
    private readonly talent: TalentService,
    private readonly talentOffice: TalentOfficeService,
    private readonly clock: Clock,
    private readonly publicBaseUrl: string,
  ) {}

  verifyUrl(code: string): string {
    return `${this.publicBaseUrl}/verify-statement/${code}`;
  }

  /** Years from 2000 (the schema) up to next year: later ones cannot have happened. */
  private checkYear(year: number): void {
    const latest = this.credits.currentYear() + 1;
    if (year > latest) throw new ValidationError([{ path: 'year', message: `年度不能晚于 ${latest} 年` }]);
  }

  /** The signed-in practitioner's statement of a year (403 PROFILE_REQUIRED without a talent record). */
  async mine(userId: number, year: number): Promise<StatementView> {
    this.checkYear(year);
    const record = await this.talent.requireOwnRecord(userId);
    return this.statementOf(holderOf(record), year);
  }

  /** One person's statement for the office; district staff: a record of another district is not found. */
  async ofPractitioner(practitionerId: number, year: number, district: string | null): Promise<StatementView> {
    this.checkYear(year);
    const record = await this.talentOffice.get(practitionerId, district);
    return this.statementOf(holderOf(record), year);
  }

  renderPdf(statement: StatementView): Promise<Buffer> {
    return renderStatementPdf(statement);
  }

  private async statementOf(holder: Holder, year: number): Promise<StatementView> {
    const [ledgers, rule] = await Promise.all([this.credits.yearLedgers([holder.id], year), this.credits.rule(year)]);
    return this.compose(holder, year, ledgers.get(holder.id) ?? [], rule);
  }

  /** The statement of these lines against the rule: issued (or the latest one saying the same) with its code. */
  private async compose(holder: Holder, year: number, lines: YearLedgerLine[], rule: CreditRule | null): Promise<StatementView> {
    const totals = yearTotals(lines);
    const assessed = rule ? assess(totals, rule) : null;
    const row = await this.issue({
      practitionerId: holder.id,
      year,
      holderName: holder.name,
      totalHours: totals.earnedHours,
      professionalHours: totals.professionalHours,
      compliant: assessed?.compliant ?? false,
      requiredHours: rule?.requiredHours ?? null,
      minProfessionalHours: rule?.minProfessionalHours ?? null,
    });
    return {
      code: row.code,
      verifyUrl: this.verifyUrl(row.code),
      year,
      holderName: holder.name,
      idNumberMasked: holder.idNumberMasked,
      orgName: holder.orgName,
      districtName: holder.districtName,
      records: lines,
      totalHours: totals.earnedHours,
      professionalHours: totals.professionalHours,
      publicHours: totals.publicHours,
      rule: rule ? { requiredHours: rule.requiredHours, minProfessionalHours: rule.minProfessionalHours, isDefault: rule.isDefault } : null,
      missingHours: assessed?.missingHours ?? null,
      missingProfessionalHours: assessed?.missingProfessionalHours ?? null,
      compliant: assessed?.compliant ?? false,
      issuedAt: row.issuedAt,
    };
  }

  private latest(practitionerId: number, year: number, transaction?: Transaction): Promise<StatementRow | null> {
    return this.models.Statement.findOne({ where: { practitionerId, year }, order: [['revision', 'DESC']], transaction });
  }

  /**
   * The latest statement of the person and year if it says the same, else a new one with a new code
   * (the earlier ones still verify as what they said). Two downloads at once: the unique
   * (practitioner, year, revision) index lets one write; the other then finds it and gives its code.
   */
  private async issue(s: Snapshot): Promise<StatementRow> {
    const current = await this.latest(s.practitionerId, s.year);
    if (current && saysTheSame(current, s)) return current;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.writeTransaction(async (transaction) => {
          const last = await this.latest(s.practitionerId, s.year, transaction);
          if (last && saysTheSame(last, s)) return last;
          return this.models.Statement.create({ ...s, revision: (last?.revision ?? 0) + 1, code: newCertificateCode(), issuedAt: this.clock.now() }, { transaction });
        });
      } catch (err) {
        if (!(err instanceof UniqueConstraintError) || attempt >= 3) throw err;
      }
    }
  }

  /** Public verification: what the statement said when issued, the name masked. */
  async verify(code: string) {
    const row = CERTIFICATE_CODE.test(code) ? await this.models.Statement.findOne({ where: { code } }) : null;
    if (!row) throw new NotFoundError('未找到该学时证明，请核对验证编号');
    const later = await this.models.Statement.count({ where: { practitionerId: row.practitionerId, year: row.year, revision: { [Op.gt]: row.revision } } });
    return {
      valid: true,
      code: row.code,
      holderName: maskName(row.holderName),
      year: row.year,
      totalHours: row.totalHours,
      professionalHours: row.professionalHours,
      requiredHours: row.requiredHours,
      minProfessionalHours: row.minProfessionalHours,
      compliant: Boolean(row.compliant),
      superseded: later > 0,
      issuedAt: row.issuedAt,
    };
  }

  /** PIPL deletion: the statements stay (their codes still verify as issued) without the holder's name. */
  async eraseHolder(practitionerId: number, erasedName: string, transaction: Transaction): Promise<void> {
    await this.models.Statement.update({ holderName: erasedName }, { where: { practitionerId }, transaction });
  }

  // ---- the export: one PDF per person, in a ZIP ------------------------------------------------

  /**
   * The statements of a year of every verified practitioner with a credit record in it, of one district
   * (district staff: always their own; naming another → 404) or the whole city, narrowed by the talent
   * search's filters. Who is in it is settled before anything is sent (more than EXPORT_MAX_PEOPLE →
   * 409 EXPORT_TOO_LARGE); the ZIP is then written as it is read, one PDF at a time.
   */
  async exportZip(year: number, query: Omit<TalentListQuery, 'page' | 'pageSize' | 'status'>, own: string | null): Promise<{ stream: Readable; count: number; district: string | null }> {
    this.checkYear(year);
    if (own && query.district && query.district !== own) throw new NotFoundError('只能导出本区县的学时证明');
    const district = own ?? query.district ?? null;
    const people: { holder: Holder; lines: YearLedgerLine[] }[] = [];
    for await (const batch of this.talentOffice.exportRows({ ...query, ...(district ? { district } : {}), status: 'verified' }, own)) {
      const ledgers = await this.credits.yearLedgers(batch.map((r) => r.id), year);
      for (const record of batch) {
        const lines = ledgers.get(record.id);
        if (lines) people.push({ holder: holderOf(record), lines });
      }
      if (people.length > EXPORT_MAX_PEOPLE) {
        throw new ConflictError(`一次最多导出 ${EXPORT_MAX_PEOPLE} 人的学时证明，请按区县、单位类型等条件缩小范围后分批导出`, 'EXPORT_TOO_LARGE');
      }
    }
    const rule = await this.credits.rule(year);
    return { stream: this.zip(people, year, rule), count: people.length, district };
  }

  private zip(people: { holder: Holder; lines: YearLedgerLine[] }[], year: number, rule: CreditRule | null): Readable {
    // PDFs are compressed already: stored, not deflated again
    const archive = archiver('zip', { store: true });
    // the answer's body: Koa destroys it when the download ends early, and rendering stops
    const meter = new Meter();
    const fail = (err: unknown) => meter.destroy(err as Error);
    archive.on('error', fail);
    archive.pipe(meter);
    const taken = new Set<string>();
    (async () => {
      let produced = 0;
      for (const { holder, lines } of people) {
        if (meter.destroyed) {
          archive.abort();
          return;
        }
        const statement = await this.compose(holder, year, lines, rule);
        const pdf = await renderStatementPdf(statement);
        let name = `${fileNamePart(holder.name)}-${fileNamePart(holder.idNumberMasked ?? String(holder.id))}.pdf`;
        if (taken.has(name)) name = `${fileNamePart(holder.name)}-${fileNamePart(holder.idNumberMasked ?? '')}-${holder.id}.pdf`;
        taken.add(name);
        archive.append(pdf, { name, date: statement.issuedAt });
        produced += pdf.length;
        while (produced - meter.passed > MAX_BUFFERED_BYTES && !meter.destroyed) await progressOrClose(meter);
      }
      await archive.finalize();
    })().catch(fail);
    return meter;
  }
}
