import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { Clock } from '../platform/clock';
import type { Page } from '../platform/http/pagination';
import { shanghaiDayEnd, shanghaiDayStart } from '../platform/time';
import type { AuditEntryRow, AuditModels } from './models';
import type { AuditQuery } from './schemas';

export interface AuditRecord {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  /** The district of the record the action is about, for district staff's view of the trail. */
  district?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditEntryView {
  id: number;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  district: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
}

export class AuditService {
  constructor(
    private readonly models: AuditModels,
    private readonly clock: Clock,
  ) {}

  /** Written inside the transaction of the change it describes: both land or neither does. */
  async record(entry: AuditRecord, transaction: Transaction): Promise<void> {
    await this.models.AuditEntry.create(
      {
        actorId: entry.actorId,
        action: entry.action,
        entity: entry.entity,
        entityId: String(entry.entityId),
        district: entry.district ?? null,
        beforeState: entry.before ?? null,
        afterState: entry.after ?? null,
        createdAt: this.clock.now(),
      },
      { transaction },
    );
  }

  /**
   * A page of the trail, newest first, narrowed by every filter given. `district` is the caller's
   * scope (districtScope): when set, only entries about that district's records exist for them.
   * An action ending in a dot is a prefix (`talent.` → every talent action); days are Asia/Shanghai.
   */
  async list(query: AuditQuery, district: string | null): Promise<Page<AuditEntryView>> {
    const { rows, count } = await this.models.AuditEntry.findAndCountAll({
      where: this.where(query, district),
      order: [['id', 'DESC']],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        actorId: r.actorId,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        district: r.district,
        before: r.beforeState,
        after: r.afterState,
        createdAt: r.createdAt,
      })),
      total: count,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The distinct actions recorded (in `district` when given), in order: the choices of a filter. */
  async actions(district: string | null): Promise<string[]> {
    const rows = await this.models.AuditEntry.findAll({
      attributes: ['action'],
      where: district === null ? {} : { district },
      group: ['action'],
      order: [['action', 'ASC']],
      raw: true,
    });
    return rows.map((r) => r.action);
  }

  private where(query: AuditQuery, district: string | null): WhereOptions<AuditEntryRow> {
    const where: WhereOptions<AuditEntryRow> = {};
    if (district !== null) where.district = district;
    if (query.entity) where.entity = query.entity;
    if (query.entityId) where.entityId = query.entityId;
    if (query.actor) where.actorId = query.actor;
    // The schema admits only letters and dots (ACTION_FILTER): a prefix carries no LIKE wildcard.
    if (query.action) where.action = query.action.endsWith('.') ? { [Op.like]: `${query.action}%` } : query.action;
    if (query.from || query.to) {
      where.createdAt = {
        ...(query.from ? { [Op.gte]: shanghaiDayStart(query.from) } : {}),
        ...(query.to ? { [Op.lt]: shanghaiDayEnd(query.to) } : {}),
      };
    }
    return where;
  }
}
