import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { AccountService } from '../accounts/service';
import type { AuditService } from '../audit/service';
import type { NotificationService } from '../notifications/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError } from '../platform/errors';
import type { Page } from '../platform/http/pagination';
import { containsPattern } from '../platform/search';
import { examineIdNumber, hashIdNumber } from './idNumber';
import type { PractitionerRow, TalentModels } from './models';
import type { PatchTalentInput, PractitionerOfficeView, TalentListQuery } from './schemas';
import { toSelfView } from './service';

/** The fields an audit entry keeps of a record's state (never the ID hash). */
const audited = (row: PractitionerRow) => ({ status: row.status, tier: row.tier, rejectReason: row.rejectReason });

const NOT_FOUND = '人才档案不存在';

/** Whether a record lies in what the caller may see: the whole city (null) or one district. */
export const withinDistrict = (record: { district: string }, district: string | null): boolean => district === null || record.district === district;

/**
 * The talent office's work on the talent database: search, verify, reject, tier, deactivate. Every
 * method takes the caller's district (null: the city office, everything): district staff see and
 * change only their district's records; another district's record is "not found", never "forbidden",
 * so ids of other districts tell them nothing.
 */
export class TalentOfficeService {
  constructor(
    private readonly db: Database,
    private readonly models: TalentModels,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly idHashKey: string,
  ) {}

  private async views(rows: PractitionerRow[]): Promise<PractitionerOfficeView[]> {
    const phones = await this.accounts.maskedPhones(rows.map((r) => r.userId).filter((id): id is number => id !== null));
    return rows.map((row) => ({
      ...toSelfView(row),
      source: row.source,
      claimed: row.userId !== null,
      phoneMasked: row.userId !== null ? phones.get(row.userId) ?? null : null,
    }));
  }

  /** Filters shared by search and export. A full ID number in `q` finds that person by hash. */
  where(query: Omit<TalentListQuery, 'page' | 'pageSize'>, district: string | null): WhereOptions<PractitionerRow> {
    const where: Record<string | symbol, unknown> = {};
    if (district) {
      if (query.district && query.district !== district) return { id: 0 }; // ids start at 1: nothing matches
      where.district = district;
    }
    for (const key of ['district', 'orgType', 'category', 'titleLevel', 'titleSeries', 'education', 'agencyCreditCode', 'tier', 'status'] as const) {
      if (query[key]) where[key] = query[key];
    }
    if (query.ipDegree !== undefined) where.ipDegree = query.ipDegree;
    if (query.q) {
      const facts = examineIdNumber(query.q);
      if (typeof facts !== 'string') where.idHash = hashIdNumber(facts.normalized, this.idHashKey);
      else {
        const like = containsPattern(query.q);
        if (like) where[Op.or] = [{ name: { [Op.like]: like } }, { orgName: { [Op.like]: like } }];
        else where.id = 0; // ids start at 1: nothing matches
      }
    }
    return where as WhereOptions<PractitionerRow>;
  }

  async search(query: TalentListQuery, district: string | null): Promise<Page<PractitionerOfficeView>> {
    const { rows, count } = await this.models.Practitioner.findAndCountAll({
      where: this.where(query, district),
      order: [['id', 'DESC']],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: await this.views(rows), total: count, page: query.page, pageSize: query.pageSize };
  }

  /** Rows for an export, in pages so a large export never holds everything twice. */
  async *exportRows(query: Omit<TalentListQuery, 'page' | 'pageSize'>, district: string | null, batch = 1000): AsyncGenerator<PractitionerOfficeView[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.models.Practitioner.findAll({ where: { [Op.and]: [this.where(query, district), { id: { [Op.gt]: afterId } }] } as WhereOptions<PractitionerRow>, order: [['id', 'ASC']], limit: batch });
      if (rows.length === 0) return;
      yield await this.views(rows);
      afterId = rows[rows.length - 1].id;
    }
  }

  async get(id: number, district: string | null): Promise<PractitionerOfficeView> {
    const row = await this.models.Practitioner.findByPk(id);
    if (!row || !withinDistrict(row, district)) throw new NotFoundError(NOT_FOUND);
    return (await this.views([row]))[0];
  }

  private async change(actorId: number, id: number, district: string | null, action: string, apply: (row: PractitionerRow) => Partial<PractitionerRow['_creationAttributes']> | null): Promise<PractitionerOfficeView> {
    await this.db.writeTransaction(async (transaction) => {
      const row = await this.models.Practitioner.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row || !withinDistrict(row, district)) throw new NotFoundError(NOT_FOUND);
      const changes = apply(row);
      if (!changes) return;
      const before = audited(row);
      await row.update(changes, { transaction });
      await this.audit.record({ actorId, action, entity: 'practitioner', entityId: id, district: row.district, before, after: audited(row) }, transaction);
      await this.tellHolder(row, before.status, transaction);
    });
    return this.get(id, district);
  }

  /** The holder hears that their record was verified or rejected (each decision once: keyed by its moment). */
  private async tellHolder(row: PractitionerRow, statusBefore: unknown, transaction: Transaction): Promise<void> {
    if (row.userId === null || row.status === statusBefore) return;
    const at = this.clock.now().getTime();
    if (row.status === 'verified') await this.notifications.notify({ kind: 'record_verified' }, `record:${row.id}:verified:${at}`, [row.userId], transaction);
    if (row.status === 'rejected') await this.notifications.notify({ kind: 'record_rejected', reason: row.rejectReason }, `record:${row.id}:rejected:${at}`, [row.userId], transaction);
  }

  /** Verified counts toward the target. Verifying again changes nothing. */
  verify(actorId: number, id: number, district: string | null): Promise<PractitionerOfficeView> {
    return this.change(actorId, id, district, 'talent.verify', (row) =>
      row.status === 'verified' ? null : { status: 'verified', verifiedAt: this.clock.now(), rejectReason: null },
    );
  }

  reject(actorId: number, id: number, reason: string, district: string | null): Promise<PractitionerOfficeView> {
    return this.change(actorId, id, district, 'talent.reject', (row) => {
      if (row.status === 'inactive') throw new ConflictError('已停用的档案不能驳回', 'TALENT_INACTIVE');
      return { status: 'rejected', rejectReason: reason, verifiedAt: null };
    });
  }

  patch(actorId: number, id: number, input: PatchTalentInput, district: string | null): Promise<PractitionerOfficeView> {
    return this.change(actorId, id, district, input.status ? 'talent.deactivate' : 'talent.tier', (row) => {
      const changes: Partial<PractitionerRow['_creationAttributes']> = {};
      if (input.tier !== undefined && input.tier !== row.tier) changes.tier = input.tier;
      if (input.status === 'inactive' && row.status !== 'inactive') changes.status = 'inactive';
      return Object.keys(changes).length ? changes : null;
    });
  }
}
