import { Op } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { NotFoundError } from '../platform/errors';
import type { Page } from '../platform/http/pagination';
import type { Logger } from '../platform/logger';
import type { NotificationKind, OutboxStatus } from '../reference/vocabulary';
import type { NotificationModels, OutboxMessageRow } from './models';
import type { SendOutcome, SubscribeSender } from './wechatSender';

/** The WeChat openid of each user who has one (accounts' lookup, handed in by modules.ts). */
export type OpenIds = (userIds: number[]) => Promise<Map<number, string>>;

export interface OutboxOptions {
  /** This instance's name in the lease column (host, pid, random). */
  owner: string;
  /** How long a claimed message is this instance's alone; far longer than one send may take. */
  leaseMs?: number;
  /** Tries before a message is given up. */
  maxAttempts?: number;
  batch?: number;
}

export interface OutboxMessageView {
  id: number;
  notificationId: number;
  userId: number;
  kind: NotificationKind;
  templateId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** Wait before try n+1: 30 s, 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/** What a message becomes after a send: the rule for retries and giving up, in one place. */
export function afterSend(outcome: SendOutcome, attempts: number, maxAttempts: number): 'sent' | 'retry' | 'given_up' {
  if (outcome.outcome === 'sent') return 'sent';
  if (outcome.outcome === 'give_up' || attempts >= maxAttempts) return 'given_up';
  return 'retry';
}

const view = (r: OutboxMessageRow): OutboxMessageView => ({
  id: r.id,
  notificationId: r.notificationId,
  userId: r.userId,
  kind: r.kind,
  templateId: r.templateId,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  lastError: r.lastError ?? null,
  sentAt: r.sentAt ?? null,
  createdAt: r.createdAt,
});

/**
 * The durable outbox of subscribe messages. Any number of instances drain it: each message is claimed
 * by a conditional update (pending, due, lease free → this owner's lease), so one instance sends it;
 * the lease outlives any send (WeChat calls time out long before), and a crashed instance's lease runs
 * out so another takes the message up.
 */
export class Outbox {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batch: number;

  constructor(
    private readonly db: Database,
    private readonly models: NotificationModels,
    private readonly sender: SubscribeSender,
    private readonly openIds: OpenIds,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60 * 1000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.batch = options.batch ?? 20;
  }

  /** Sends what is due, one claimed message at a time, until nothing due is left. */
  async drain(): Promise<{ sent: number; retried: number; givenUp: number }> {
    const tally = { sent: 0, retried: 0, givenUp: 0 };
    for (;;) {
      const now = this.clock.now();
      const due = await this.models.OutboxMessage.findAll({
        where: { status: 'pending', nextAttemptAt: { [Op.lte]: now }, [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now } }] },
        order: [['id', 'ASC']],
        limit: this.batch,
      });
      if (due.length === 0) return tally;
      let claimedAny = false;
      for (const row of due) {
        if (!(await this.claim(row.id))) continue;
        claimedAny = true;
        const result = await this.deliver(row);
        tally[result === 'sent' ? 'sent' : result === 'retry' ? 'retried' : 'givenUp']++;
      }
      // everything we saw was taken by others: they will send it
      if (!claimedAny) return tally;
    }
  }

  private async claim(id: number): Promise<boolean> {
    const now = this.clock.now();
    const [claimed] = await this.models.OutboxMessage.update(
      {
        leaseOwner: this.options.owner,
        leaseUntil: new Date(now.getTime() + this.leaseMs),
        attempts: this.db.sequelize.literal('attempts + 1') as unknown as number,
        updatedAt: now,
      },
      { where: { id, status: 'pending', nextAttemptAt: { [Op.lte]: now }, [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now } }] } },
    );
    return claimed === 1;
  }

  private async deliver(row: OutboxMessageRow): Promise<'sent' | 'retry' | 'given_up'> {
    const attempts = row.attempts + 1;
    const openid = (await this.openIds([row.userId])).get(row.userId);
    const outcome: SendOutcome = openid
      ? await this.sender.send({ openid, templateId: row.templateId, payload: JSON.parse(row.payload) })
      : { outcome: 'give_up', error: 'the account has no WeChat openid' };
    const next = afterSend(outcome, attempts, this.maxAttempts);
    const now = this.clock.now();
    const error = outcome.outcome === 'sent' ? null : outcome.error.slice(0, 500);
    const fields =
      next === 'sent'
        ? { status: 'sent' as const, sentAt: now, lastError: null }
        : next === 'given_up'
          ? { status: 'given_up' as const, lastError: error }
          : { nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), lastError: error };
    // only while the lease is still ours: a message another instance has since taken is theirs to finish
    await this.models.OutboxMessage.update({ ...fields, leaseOwner: null, leaseUntil: null, updatedAt: now }, { where: { id: row.id, leaseOwner: this.options.owner } });
    if (next !== 'sent') this.logger.warn({ outboxId: row.id, attempts, error, next }, 'subscribe message not sent');
    return next;
  }

  /** Admins' view: the messages, newest first, by status. */
  async list(query: { status?: OutboxStatus; page: number; pageSize: number }): Promise<Page<OutboxMessageView>> {
    const { rows, count } = await this.models.OutboxMessage.findAndCountAll({
      where: query.status ? { status: query.status } : {},
      order: [['id', 'DESC']],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(view), total: count, page: query.page, pageSize: query.pageSize };
  }

  /** An admin sends a given-up message again: pending, due now, its tries counted afresh; audited. */
  async retry(actorId: number, id: number): Promise<OutboxMessageView> {
    return this.db.writeTransaction(async (transaction) => {
      const row = await this.models.OutboxMessage.findByPk(id, { transaction });
      if (!row) throw new NotFoundError('没有这条待发消息');
      if (row.status !== 'given_up') return view(row);
      const now = this.clock.now();
      const [changed] = await this.models.OutboxMessage.update(
        { status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now },
        { where: { id, status: 'given_up' }, transaction },
      );
      if (changed === 1) {
        await this.audit.record({ actorId, action: 'outbox.retry', entity: 'outbox', entityId: id, before: { status: 'given_up', attempts: row.attempts, lastError: row.lastError }, after: { status: 'pending' } }, transaction);
      }
      await row.reload({ transaction });
      return view(row);
    });
  }
}
