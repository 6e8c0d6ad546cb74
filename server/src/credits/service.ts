import { randomUUID } from 'node:crypto';
import { UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { NotificationService } from '../notifications/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors';
import type { Page } from '../platform/http/pagination';
import { shanghaiDate } from '../platform/time';
import type { TalentService } from '../talent/service';
import { assess, yearTotals } from './compliance';
import type { EvidenceStore } from './evidence';
import type { ClaimStatus, CreditCategory, CreditClaimRow, CreditModels, CreditRecordRow, CreditSource } from './models';
import type { AdjustmentInput, ClaimInput, ClaimView } from './schemas';

/** Where a claim's evidence file was before its holder erased their account. */
const ERASED_EVIDENCE = '';

/** Continuing education of professional and technical staff: 90 hours a year, two thirds professional. */
export const DEFAULT_RULE = { requiredHours: 90, professionalShare: 2 / 3 };

export interface CreditRule {
  year: number;
  requiredHours: number;
  minProfessionalHours: number;
  isDefault: boolean;
}

/** One line of a practitioner's year as a statement prints it. */
export interface YearLedgerLine {
  date: string;
  title: string;
  category: CreditCategory;
  source: CreditSource;
  hours: number;
  certificateCode?: string;
}

export interface Award {
  practitionerId: number;
  date: string;
  hours: number;
  category: CreditCategory;
  source: CreditSource;
  sourceKey: string;
  title: string;
  certificateCode?: string | null;
  note?: string | null;
  createdBy: number | null;
}

function toClaimView(row: CreditClaimRow, practitionerName?: string): ClaimView {
  return {
    id: row.id,
    practitionerId: row.practitionerId,
    ...(practitionerName ? { practitionerName } : {}),
    title: row.title,
    provider: row.provider,
    date: row.date,
    hours: row.hours,
    category: row.category,
    evidenceType: row.evidenceType,
    status: row.status,
    approvedHours: row.approvedHours,
    rejectReason: row.rejectReason,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
  };
}

export class CreditService {
  constructor(
    private readonly db: Database,
    private readonly models: CreditModels,
    private readonly talent: TalentService,
    private readonly evidence: EvidenceStore,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /** Tells the claimant how their claim was decided, in the decision's transaction. */
  private async tellClaimant(row: CreditClaimRow, transaction: Transaction): Promise<void> {
    const userId = (await this.talent.accountsOf([row.practitionerId], transaction)).get(row.practitionerId);
    if (userId === undefined) return;
    const event =
      row.status === 'approved'
        ? { kind: 'claim_approved' as const, claimId: row.id, title: row.title, hours: row.approvedHours ?? row.hours }
        : { kind: 'claim_rejected' as const, claimId: row.id, title: row.title, reason: row.rejectReason ?? '' };
    await this.notifications.notify(event, `claim:${row.id}:${row.status}`, [userId], transaction);
  }

  // ---- the ledger -------------------------------------------------------------------------

  /**
   * Appends one line to the ledger inside the caller's transaction. The (practitioner, sourceKey)
   * unique index makes a second award of the same thing fail, whatever the timing.
   */
  async award(award: Award, transaction: Transaction): Promise<CreditRecordRow> {
    return this.models.CreditRecord.create(
      {
        ...award,
        year: Number(award.date.slice(0, 4)),
        certificateCode: award.certificateCode ?? null,
        note: award.note ?? null,
        createdAt: this.clock.now(),
      },
      { transaction },
    );
  }

  /** An office correction: a new line, positive or negative, never an edit. */
  async adjust(actorId: number, input: AdjustmentInput): Promise<void> {
    await this.talent.requireRecord(input.practitionerId);
    await this.db.writeTransaction(async (transaction) => {
      const record = await this.award(
        {
          practitionerId: input.practitionerId,
          date: `${input.year}-12-31`,
          hours: input.hours,
          category: input.category,
          source: 'adjustment',
          sourceKey: `adjustment:${randomUUID()}`,
          title: '学时调整',
          note: input.reason,
          createdBy: actorId,
        },
        transaction,
      );
      await this.audit.record({ actorId, action: 'credit.adjust', entity: 'practitioner', entityId: input.practitionerId, district: await this.talent.districtOf(input.practitionerId, transaction), after: { recordId: record.id, year: input.year, hours: input.hours, category: input.category, reason: input.reason } }, transaction);
    });
  }

  // ---- rules ------------------------------------------------------------------------------

  async rule(year: number): Promise<CreditRule> {
    const row = await this.models.CreditRule.findByPk(year);
    if (row) return { year, requiredHours: row.requiredHours, minProfessionalHours: row.minProfessionalHours, isDefault: false };
    return { year, requiredHours: DEFAULT_RULE.requiredHours, minProfessionalHours: DEFAULT_RULE.requiredHours * DEFAULT_RULE.professionalShare, isDefault: true };
  }

  async setRule(actorId: number, year: number, input: { requiredHours: number; minProfessionalHours: number }): Promise<CreditRule> {
    await this.db.writeTransaction(async (transaction) => {
      const before = await this.models.CreditRule.findByPk(year, { transaction, lock: transaction.LOCK.UPDATE });
      if (before) await before.update({ ...input, updatedBy: actorId }, { transaction });
      else await this.models.CreditRule.create({ year, ...input, updatedBy: actorId }, { transaction });
      await this.audit.record(
        { actorId, action: 'creditRule.set', entity: 'creditRule', entityId: year, before: before ? { requiredHours: before.requiredHours, minProfessionalHours: before.minProfessionalHours } : null, after: input },
        transaction,
      );
    });
    return this.rule(year);
  }

  // ---- a practitioner's year --------------------------------------------------------------

  currentYear(): number {
    return Number(shanghaiDate(this.clock.now()).slice(0, 4));
  }

  async summary(practitionerId: number, year: number) {
    const [rule, rows] = await Promise.all([
      this.rule(year),
      this.models.CreditRecord.findAll({ where: { practitionerId, year }, order: [['date', 'DESC'], ['id', 'DESC']] }),
    ]);
    const { earnedHours, professionalHours, publicHours } = yearTotals(rows);
    const totals = { earnedHours, professionalHours, publicHours };
    return {
      year,
      requiredHours: rule.requiredHours,
      minProfessionalHours: rule.minProfessionalHours,
      ...totals,
      ...assess(totals, rule),
      records: rows.map((r) => ({
        hours: r.hours,
        category: r.category,
        source: r.source,
        title: r.title,
        date: r.date,
        ...(r.certificateCode ? { certificateCode: r.certificateCode } : {}),
        ...(r.note ? { note: r.note } : {}),
      })),
    };
  }

  async summaryForUser(userId: number, year: number) {
    return this.summary((await this.talent.requireOwnRecord(userId)).id, year);
  }

  /** The ledger lines of one award (all its practitioners), inside the caller's transaction. */
  async awardsWithKey(sourceKey: string, transaction: Transaction): Promise<CreditRecordRow[]> {
    return this.models.CreditRecord.findAll({ where: { sourceKey }, order: [['id', 'ASC']], transaction });
  }

  /** Every ledger line of a practitioner, all years, oldest first (the PIPL data export). */
  async ledgerOf(practitionerId: number) {
    const rows = await this.models.CreditRecord.findAll({ where: { practitionerId }, order: [['date', 'ASC'], ['id', 'ASC']] });
    return rows.map((r) => ({ year: r.year, date: r.date, hours: r.hours, category: r.category, source: r.source, title: r.title, ...(r.certificateCode ? { certificateCode: r.certificateCode } : {}), ...(r.note ? { note: r.note } : {}) }));
  }

  /**
   * One year's ledger lines of several practitioners at once, oldest first, by practitioner (the
   * yearly statements and their export); someone without a line that year is absent from the map.
   */
  async yearLedgers(practitionerIds: number[], year: number): Promise<Map<number, YearLedgerLine[]>> {
    const ledgers = new Map<number, YearLedgerLine[]>();
    if (practitionerIds.length === 0) return ledgers;
    const rows = await this.models.CreditRecord.findAll({ where: { practitionerId: [...new Set(practitionerIds)], year }, order: [['date', 'ASC'], ['id', 'ASC']] });
    for (const r of rows) {
      const line: YearLedgerLine = { date: r.date, title: r.title, category: r.category, source: r.source, hours: r.hours, ...(r.certificateCode ? { certificateCode: r.certificateCode } : {}) };
      const lines = ledgers.get(r.practitionerId);
      if (lines) lines.push(line);
      else ledgers.set(r.practitionerId, [line]);
    }
    return ledgers;
  }

  /**
   * PIPL deletion: claims keep their decision and hours (the ledger refers to them) but lose their
   * evidence. Returns the files, removed by the caller once its transaction has committed.
   */
  async detachEvidence(practitionerId: number, transaction: Transaction): Promise<string[]> {
    const claims = await this.models.CreditClaim.findAll({ where: { practitionerId }, transaction, lock: transaction.LOCK.UPDATE });
    const files = claims.map((c) => c.evidenceFile).filter((f) => f !== ERASED_EVIDENCE);
    if (claims.length) await this.models.CreditClaim.update({ evidenceFile: ERASED_EVIDENCE }, { where: { practitionerId }, transaction });
    return files;
  }

  removeEvidenceFiles(files: string[]): void {
    for (const file of files) this.evidence.remove(file);
  }

  // ---- claims for hours earned elsewhere --------------------------------------------------

  async submitClaim(userId: number, input: ClaimInput, evidence: Buffer | undefined): Promise<ClaimView> {
    const record = await this.talent.requireOwnRecord(userId);
    if (input.date > shanghaiDate(this.clock.now())) throw new ValidationError([{ path: 'date', message: '培训日期不能晚于今天' }]);
    if (!evidence || evidence.length === 0) throw new ValidationError([{ path: 'evidence', message: '请上传证明材料（PDF 或图片）' }]);
    const saved = this.evidence.save(evidence);
    try {
      const row = await this.db.writeTransaction((transaction) =>
        this.models.CreditClaim.create(
          { practitionerId: record.id, ...input, evidenceFile: saved.file, evidenceType: saved.type, status: 'pending', approvedHours: null, rejectReason: null, decidedBy: null, decidedAt: null },
          { transaction },
        ),
      );
      return toClaimView(row);
    } catch (err) {
      this.evidence.remove(saved.file);
      throw err;
    }
  }

  async myClaims(userId: number): Promise<ClaimView[]> {
    const record = await this.talent.getOwnRecord(userId);
    if (!record) return [];
    const rows = await this.models.CreditClaim.findAll({ where: { practitionerId: record.id }, order: [['id', 'DESC']] });
    return rows.map((r) => toClaimView(r));
  }

  async listClaims(query: { status?: ClaimStatus; page: number; pageSize: number }): Promise<Page<ClaimView>> {
    const where: WhereOptions<CreditClaimRow> = query.status ? { status: query.status } : {};
    const { rows, count } = await this.models.CreditClaim.findAndCountAll({ where, order: [['id', 'ASC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const people = await this.talent.rosterSummaries(rows.map((r) => r.practitionerId));
    return { items: rows.map((r) => toClaimView(r, people.get(r.practitionerId)?.name)), total: count, page: query.page, pageSize: query.pageSize };
  }

  async claimEvidence(id: number): Promise<{ content: Buffer; type: string }> {
    const row = await this.models.CreditClaim.findByPk(id);
    if (!row) throw new NotFoundError('申报不存在');
    if (row.evidenceFile === ERASED_EVIDENCE) throw new NotFoundError('证明材料已随申报人注销账号删除');
    return { content: this.evidence.read(row.evidenceFile), type: row.evidenceType };
  }

  /** Approving adds an external credit record (hours may be reduced, never raised); twice changes nothing. */
  async approveClaim(actorId: number, id: number, hours: number | undefined): Promise<ClaimView> {
    try {
      return await this.db.writeTransaction(async (transaction) => {
        const row = await this.models.CreditClaim.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
        if (!row) throw new NotFoundError('申报不存在');
        if (row.status === 'approved') return toClaimView(row);
        if (row.status === 'rejected') throw new ConflictError('该申报已驳回', 'CLAIM_DECIDED');
        const granted = hours ?? row.hours;
        if (granted > row.hours) throw new ValidationError([{ path: 'hours', message: `认定学时不能超过申报的 ${row.hours} 学时` }]);
        await row.update({ status: 'approved', approvedHours: granted, decidedBy: actorId, decidedAt: this.clock.now() }, { transaction });
        await this.award(
          { practitionerId: row.practitionerId, date: row.date, hours: granted, category: row.category, source: 'external', sourceKey: `claim:${row.id}`, title: `${row.title}（${row.provider}）`, createdBy: actorId },
          transaction,
        );
        await this.audit.record({ actorId, action: 'claim.approve', entity: 'creditClaim', entityId: row.id, district: await this.talent.districtOf(row.practitionerId, transaction), before: { status: 'pending', hours: row.hours }, after: { status: 'approved', approvedHours: granted } }, transaction);
        await this.tellClaimant(row, transaction);
        return toClaimView(row);
      });
    } catch (err) {
      // Two office clerks approving at once: the ledger's unique key kept one award; report the result.
      if (!(err instanceof UniqueConstraintError)) throw err;
      const row = await this.models.CreditClaim.findByPk(id);
      return toClaimView(row!);
    }
  }

  async rejectClaim(actorId: number, id: number, reason: string): Promise<ClaimView> {
    return this.db.writeTransaction(async (transaction) => {
      const row = await this.models.CreditClaim.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row) throw new NotFoundError('申报不存在');
      if (row.status === 'rejected') return toClaimView(row);
      if (row.status === 'approved') throw new ConflictError('该申报已认定，如需更正请做学时调整', 'CLAIM_DECIDED');
      await row.update({ status: 'rejected', rejectReason: reason, decidedBy: actorId, decidedAt: this.clock.now() }, { transaction });
      await this.audit.record({ actorId, action: 'claim.reject', entity: 'creditClaim', entityId: row.id, district: await this.talent.districtOf(row.practitionerId, transaction), before: { status: 'pending' }, after: { status: 'rejected', reason } }, transaction);
      await this.tellClaimant(row, transaction);
      return toClaimView(row);
    });
  }
}
