import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { AuditService } from '../audit/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { AppError } from '../platform/errors';
import { AttemptGate } from '../platform/failureWindow';
import type { AccountModels, PasswordResetCodeRow } from './models';
import { hashPassword } from './password';
import type { ResetConfirmInput } from './schemas';
import type { AccountService, Session } from './service';
import type { SmsSender } from './sms';

export const RESET_CODE_MINUTES = 10;
/** Wrong tries that void a code. */
export const RESET_CODE_TRIES = 5;
export const SMS_PER_MINUTE = 1;
export const SMS_PER_DAY = 5;

/** A code can still be used: not used or replaced, not expired, not voided by wrong tries. */
export function resetCodeUsable(row: Pick<PasswordResetCodeRow, 'usedAt' | 'expiresAt' | 'wrongTries'>, now: Date): boolean {
  return row.usedAt === null && row.expiresAt.getTime() > now.getTime() && row.wrongTries < RESET_CODE_TRIES;
}

const codeInvalid = () => new AppError(400, 'RESET_CODE_INVALID', '验证码错误或已失效，请重新获取', [{ path: 'code', message: '验证码错误或已失效' }]);

/**
 * 找回密码: a 6-digit code by SMS, valid 10 minutes, void after 5 wrong tries or when a newer one is
 * sent; the phone's sends are limited (1 a minute, 5 a day) whether or not it has an account, and the
 * answer never says which. The code is kept only as an HMAC.
 */
export class PasswordResetService {
  private readonly sends: AttemptGate;

  constructor(
    private readonly db: Database,
    private readonly models: AccountModels,
    private readonly accounts: AccountService,
    private readonly sms: SmsSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly codeKey: string,
  ) {
    // Every send keeps its row: the gate counts sends, not failures.
    this.sends = new AttemptGate(db, models.SmsSend, clock, {
      subjectField: 'phone',
      timeField: 'sentAt',
      limit: SMS_PER_MINUTE,
      windowMs: 60 * 1000,
      alsoWithin: [{ limit: SMS_PER_DAY, windowMs: 24 * 60 * 60 * 1000 }],
      refusal: (minutes) => `验证码发送过于频繁，请 ${minutes} 分钟后再试`,
    });
  }

  private hash(userId: number, code: string): Buffer {
    return createHmac('sha256', this.codeKey).update(`password-reset:${userId}:${code}`).digest();
  }

  async request(phone: string): Promise<void> {
    await this.sends.begin(phone);
    const user = await this.models.User.findOne({ where: { phone } });
    if (!user || user.status !== 'active') return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    await this.db.writeTransaction(async (transaction) => {
      // a new code replaces every earlier one
      await this.models.PasswordResetCode.update({ usedAt: now }, { where: { userId: user.id, usedAt: null }, transaction });
      await this.models.PasswordResetCode.create(
        { userId: user.id, codeHash: this.hash(user.id, code).toString('hex'), expiresAt: new Date(now.getTime() + RESET_CODE_MINUTES * 60 * 1000), createdAt: now },
        { transaction },
      );
    });
    await this.sms.sendResetCode(phone, code, RESET_CODE_MINUTES);
  }

  /** The right code sets the new password, ends every earlier token and signs the holder in. */
  async confirm(input: ResetConfirmInput): Promise<Session> {
    const user = await this.models.User.findOne({ where: { phone: input.phone } });
    if (!user || user.status !== 'active') throw codeInvalid();
    const passwordHash = await hashPassword(input.newPassword);
    const now = this.clock.now();
    // A wrong try must be counted even though the request fails: decided inside, thrown after commit.
    const outcome = await this.db.writeTransaction(async (transaction) => {
      const row = await this.models.PasswordResetCode.findOne({ where: { userId: user.id }, order: [['id', 'DESC']], transaction, lock: transaction.LOCK.UPDATE });
      if (!row || !resetCodeUsable(row, now)) return null;
      if (!timingSafeEqual(this.hash(user.id, input.code), Buffer.from(row.codeHash, 'hex'))) {
        await row.update({ wrongTries: row.wrongTries + 1 }, { transaction });
        return null;
      }
      await row.update({ usedAt: now }, { transaction });
      const account = await this.models.User.findByPk(user.id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!account || account.status !== 'active') return null;
      await account.update({ passwordHash, tokenVersion: account.tokenVersion + 1, mustChangePassword: false }, { transaction });
      await this.audit.record({ actorId: user.id, action: 'user.password.reset', entity: 'user', entityId: user.id, after: { via: 'sms' } }, transaction);
      return account;
    });
    if (!outcome) throw codeInvalid();
    return this.accounts.session(outcome);
  }
}
