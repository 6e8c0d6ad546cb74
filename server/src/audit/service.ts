import type { Transaction, WhereOptions } from 'sequelize';
import type { Clock } from '../platform/clock';
import type { Page } from '../platform/http/pagination';
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
        beforeState: entry.before ?? null,
        afterState: entry.after ?? null,
        createdAt: this.clock.now(),
      },
      { transaction },
    );
  }

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const where: WhereOptions<AuditEntryRow> = {};
    if (query.entity) where.entity = query.entity;
    if (query.entityId) where.entityId = query.entityId;
    if (query.actor) where.actorId = query.actor;
    if (query.action) where.action = query.action;
    const { rows, count } = await this.models.AuditEntry.findAndCountAll({
      where,
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
        before: r.beforeState,
        after: r.afterState,
        createdAt: r.createdAt,
      })),
      total: count,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
