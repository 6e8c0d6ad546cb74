import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { NotFoundError, ValidationError } from '../platform/errors';
import type { Page } from '../platform/http/pagination';
import { shanghaiDateTime } from '../platform/time';
import type { NotificationKind } from '../reference/vocabulary';
import { describe, type NotificationEvent } from './messages';
import type { NotificationModels, NotificationRow } from './models';
import { clip, subscribePayload, type SubscribeTemplates } from './templates';

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface SubscriptionView {
  kind: NotificationKind;
  templateId: string;
  remaining: number;
}

/** Recipients are inserted this many at a time (IN lists and multi-row inserts stay small). */
const BATCH = 500;

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const view = (row: NotificationRow): NotificationView => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.createdAt,
  readAt: row.readAt ?? null,
});

export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly models: NotificationModels,
    private readonly templates: SubscribeTemplates,
    private readonly clock: Clock,
  ) {}

  /**
   * Tells each recipient what happened, once: written in the caller's transaction, so an entry exists
   * exactly when the change does. `eventKey` names the event (`enrollment:12:promoted`); a recipient who
   * already has an entry of that key gets nothing more (the unique index has the last word). A recipient
   * who consented to the kind's subscribe message uses one consent and gets an outbox message too.
   */
  async notify(event: NotificationEvent, eventKey: string, userIds: number[], transaction: Transaction): Promise<void> {
    const recipients = [...new Set(userIds)];
    if (recipients.length === 0) return;
    const text = describe(event);
    const now = this.clock.now();
    const template = this.templates.of(event.kind);
    for (const batch of chunks(recipients, BATCH)) {
      const told = new Set(
        (await this.models.Notification.findAll({ where: { eventKey, userId: batch }, attributes: ['userId'], transaction })).map((r) => r.userId),
      );
      const fresh = batch.filter((id) => !told.has(id));
      if (fresh.length === 0) continue;
      // cut to the columns: a long class title or reason must not fail the change that tells it
      const entry = (userId: number) => ({ userId, kind: event.kind, eventKey, title: clip(text.title, 100), body: clip(text.body, 500), link: text.link, createdAt: now });
      if (!template) {
        await this.models.Notification.bulkCreate(fresh.map(entry), { ignoreDuplicates: true, transaction });
        continue;
      }
      const written = await this.writeOwnEntries(fresh.map(entry), transaction);
      await this.enqueue(event.kind, eventKey, written, template.templateId, subscribePayload(template, text, shanghaiDateTime(now)), transaction);
    }
  }

  /**
   * Writes each entry in a savepoint of its own and answers whose entries this transaction wrote: an
   * entry another transaction wrote meanwhile (two instances' reminders at once) fails its unique index
   * here, and only the writer of an entry may use that person's consent for it.
   */
  private async writeOwnEntries(entries: Pick<NotificationRow, 'userId' | 'kind' | 'eventKey' | 'title' | 'body' | 'link' | 'createdAt'>[], transaction: Transaction): Promise<number[]> {
    const written: number[] = [];
    for (const e of entries) {
      try {
        await this.db.sequelize.transaction({ transaction }, (savepoint) => this.models.Notification.create(e, { transaction: savepoint }));
        written.push(e.userId);
      } catch (err) {
        if (!(err instanceof UniqueConstraintError)) throw err;
      }
    }
    return written;
  }

  /** Uses one consent of each consenting recipient (a conditional update: never below zero) and queues their message. */
  private async enqueue(kind: NotificationKind, eventKey: string, userIds: number[], templateId: string, payload: string, transaction: Transaction): Promise<void> {
    const consents = await this.models.WechatConsent.findAll({ where: { userId: userIds, templateId, remaining: { [Op.gt]: 0 } }, transaction });
    const consenting: number[] = [];
    for (const consent of consents) {
      const [used] = await this.models.WechatConsent.update(
        { remaining: this.db.sequelize.literal('remaining - 1') as unknown as number, updatedAt: this.clock.now() },
        { where: { id: consent.id, remaining: { [Op.gt]: 0 } }, transaction },
      );
      if (used === 1) consenting.push(consent.userId);
    }
    if (consenting.length === 0) return;
    const entries = await this.models.Notification.findAll({ where: { eventKey, userId: consenting }, attributes: ['id', 'userId'], transaction });
    const now = this.clock.now();
    await this.models.OutboxMessage.bulkCreate(
      entries.map((n) => ({ notificationId: n.id, userId: n.userId, kind, templateId, payload, nextAttemptAt: now, createdAt: now, updatedAt: now })),
      { ignoreDuplicates: true, transaction },
    );
  }

  /** For jobs outside any change (reminders): these events told in one transaction of their own. */
  async notifyNow(entries: { event: NotificationEvent; eventKey: string; userIds: number[] }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.writeTransaction(async (transaction) => {
      for (const e of entries) await this.notify(e.event, e.eventKey, e.userIds, transaction);
    });
  }

  /** Whether the event was already told to this recipient (jobs use it to skip work, never to decide). */
  async alreadyTold(eventKey: string, userIds: number[]): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.models.Notification.findAll({ where: { eventKey, userId: userIds }, attributes: ['userId'] });
    return new Set(rows.map((r) => r.userId));
  }

  /** A page of one person's inbox, newest first. */
  async list(userId: number, query: { unread?: boolean; page: number; pageSize: number }): Promise<Page<NotificationView>> {
    const { rows, count } = await this.models.Notification.findAndCountAll({
      where: { userId, ...(query.unread ? { readAt: null } : {}) },
      order: [['id', 'DESC']],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(view), total: count, page: query.page, pageSize: query.pageSize };
  }

  async unreadCount(userId: number): Promise<number> {
    return this.models.Notification.count({ where: { userId, readAt: null } });
  }

  /** Marks one of the person's own entries read; someone else's does not exist for them (404). Reading again changes nothing. */
  async markRead(userId: number, id: number): Promise<NotificationView> {
    const row = await this.models.Notification.findOne({ where: { id, userId } });
    if (!row) throw new NotFoundError('没有这条消息');
    if (!row.readAt) {
      await this.models.Notification.update({ readAt: this.clock.now() }, { where: { id, userId, readAt: null } });
      await row.reload();
    }
    return view(row);
  }

  async markAllRead(userId: number): Promise<{ updated: number }> {
    const [updated] = await this.models.Notification.update({ readAt: this.clock.now() }, { where: { userId, readAt: null } });
    return { updated };
  }

  /** The subscribe messages configured, with how many consents the person has left for each. */
  async subscriptions(userId: number): Promise<SubscriptionView[]> {
    const all = this.templates.all();
    const consents = await this.models.WechatConsent.findAll({ where: { userId, templateId: all.map((t) => t.templateId) } });
    const left = new Map(consents.map((c) => [c.templateId, c.remaining]));
    return all.map((t) => ({ kind: t.kind, templateId: t.templateId, remaining: left.get(t.templateId) ?? 0 }));
  }

  /**
   * Records the consents the mini-program obtained (`requestSubscribeMessage` answered "accept"): one
   * more message allowed per template id given. An unknown template is refused, nothing recorded.
   */
  async recordConsents(userId: number, templateIds: string[]): Promise<SubscriptionView[]> {
    const unknown = templateIds.map((id, i) => ({ id, i })).filter(({ id }) => !this.templates.byTemplateId(id));
    if (unknown.length) throw new ValidationError(unknown.map(({ i }) => ({ path: `templateIds.${i}`, message: '不是本小程序配置的订阅消息模板' })));
    await this.db.writeTransaction(async (transaction) => {
      for (const templateId of templateIds) await this.addConsent(userId, templateId, transaction);
    });
    return this.subscriptions(userId);
  }

  private async addConsent(userId: number, templateId: string, transaction: Transaction): Promise<void> {
    const bump = () =>
      this.models.WechatConsent.update(
        { remaining: this.db.sequelize.literal('remaining + 1') as unknown as number, updatedAt: this.clock.now() },
        { where: { userId, templateId }, transaction },
      );
    const [bumped] = await bump();
    if (bumped > 0) return;
    try {
      await this.models.WechatConsent.create({ userId, templateId, remaining: 1, updatedAt: this.clock.now() }, { transaction });
    } catch (err) {
      // Two first consents at once: the unique index keeps one row, the other adds to it.
      if (!(err instanceof UniqueConstraintError)) throw err;
      await bump();
    }
  }

  /** The holder is erasing their account: their inbox, consents and unsent messages go with it. */
  async eraseUser(userId: number, transaction: Transaction): Promise<void> {
    await this.models.OutboxMessage.destroy({ where: { userId, status: 'pending' }, transaction });
    await this.models.WechatConsent.destroy({ where: { userId }, transaction });
    await this.models.Notification.destroy({ where: { userId }, transaction });
  }
}
