import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { AttemptGate } from '../platform/failureWindow';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '../platform/errors';
import type { AuthUser, Role, TokenClaims, TokenService } from '../platform/http/auth';
import type { AccountModels, UserRow } from './models';
import { maskPhone } from './phone';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import type { BindPhoneInput, ChangePasswordInput, CreateUserInput, LoginInput, RegisterInput, UserSelfView } from './schemas';
import type { WechatClient } from './wechat';

/** More than this many failed logins for one phone within the window locks that phone until the window passes. */
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const PHONE_TAKEN = '该手机号已注册，请直接登录';
/** What an erased account is called wherever it still appears (audit trails, past rosters). */
export const ERASED_NAME = '已注销用户';
const WECHAT_DEFAULT_NAME = '微信用户';

export interface Session {
  token: string;
  user: UserSelfView;
}

export { maskPhone };

export function toUserSelfView(user: UserRow): UserSelfView {
  return { id: user.id, phone: user.phone, name: user.name, role: user.role, wechatBound: user.wechatOpenId !== null, mustChangePassword: user.mustChangePassword, districtCode: user.districtCode ?? null };
}

/**
 * A token is good while its account is active and has not moved past the token's version (a password
 * change, a reset, disabling or deleting the account each raise it).
 */
export function tokenAccepted(user: Pick<UserRow, 'status' | 'tokenVersion'>, claims: TokenClaims): boolean {
  return user.status === 'active' && user.tokenVersion === claims.version;
}

export const ACCOUNT_DISABLED = '该账号已停用，请联系管理员';

function phoneTaken(): ConflictError {
  return new ConflictError(PHONE_TAKEN, 'PHONE_TAKEN', [{ path: 'phone', message: PHONE_TAKEN }]);
}


export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly models: AccountModels,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.loginAttempts = new AttemptGate(db, models.LoginFailure, clock, {
      subjectField: 'phone',
      limit: LOGIN_FAILURE_LIMIT,
      windowMs: LOGIN_WINDOW_MS,
      refusal: (minutes) => `登录失败次数过多，请 ${minutes} 分钟后再试`,
    });
  }

  /** Password attempts per phone: only wrong ones keep their row. */
  private readonly loginAttempts: AttemptGate;

  session(user: UserRow): Session {
    return { token: this.tokens.sign(user), user: toUserSelfView(user) };
  }

  async register(input: RegisterInput): Promise<Session> {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.db.writeTransaction((transaction) =>
        this.models.User.create({ phone: input.phone, passwordHash, name: input.name, role: 'practitioner', wechatOpenId: null }, { transaction }),
      );
      return this.session(user);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw phoneTaken();
      throw err;
    }
  }

  async login(input: LoginInput): Promise<Session> {
    // recorded before the password is checked, so parallel guesses cannot all slip under the limit
    const attemptId = await this.loginAttempts.begin(input.phone);
    let user: UserRow | null;
    let valid: boolean;
    try {
      user = await this.models.User.findOne({ where: { phone: input.phone } });
      valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    } catch (err) {
      await this.loginAttempts.drop(attemptId);
      throw err;
    }
    if (!user || !user.passwordHash || !valid) throw new UnauthenticatedError('手机号或密码不正确');
    await this.loginAttempts.clear(input.phone);
    // told only to whoever knows the password, so the status of an account is not there for guessing
    if (user.status !== 'active') throw new ForbiddenError(ACCOUNT_DISABLED, 'ACCOUNT_DISABLED');
    return this.session(user);
  }

  async loginWithWechat(code: string): Promise<Session & { isNew: boolean }> {
    const { openid } = await this.wechat.exchangeCode(code);
    const { User } = this.models;
    const existing = await User.findOne({ where: { wechatOpenId: openid } });
    if (existing) {
      if (existing.status !== 'active') throw new ForbiddenError(ACCOUNT_DISABLED, 'ACCOUNT_DISABLED');
      return { ...this.session(existing), isNew: false };
    }
    try {
      const created = await this.db.writeTransaction((transaction) =>
        User.create({ phone: null, passwordHash: null, name: WECHAT_DEFAULT_NAME, role: 'practitioner', wechatOpenId: openid }, { transaction }),
      );
      return { ...this.session(created), isNew: true };
    } catch (err) {
      // The same person's two taps raced: the unique openid kept one account; use it.
      if (!(err instanceof UniqueConstraintError)) throw err;
      const winner = await User.findOne({ where: { wechatOpenId: openid } });
      if (!winner) throw err;
      return { ...this.session(winner), isNew: false };
    }
  }

  /** A WeChat account adds a phone and password so the same account can sign in on the web. */
  async bindPhone(userId: number, input: BindPhoneInput): Promise<UserSelfView> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.writeTransaction(async (transaction) => {
        const user = await this.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
        if (!user?.wechatOpenId) throw new ForbiddenError('只有通过微信登录的账号需要绑定手机号');
        if (user.phone !== null) {
          throw new ConflictError('该账号已绑定手机号', 'PHONE_ALREADY_BOUND', [{ path: 'phone', message: '该账号已绑定手机号' }]);
        }
        await user.update({ phone: input.phone, passwordHash }, { transaction });
        return toUserSelfView(user);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw phoneTaken();
      throw err;
    }
  }

  /** The caller a token names, or null when the account is gone, disabled or past the token's version. */
  async findAuthUser(claims: TokenClaims): Promise<AuthUser | null> {
    const user = await this.models.User.findByPk(claims.id);
    if (!user || !tokenAccepted(user, claims)) return null;
    return { id: user.id, role: user.role, name: user.name, phone: user.phone, wechatBound: user.wechatOpenId !== null, mustChangePassword: user.mustChangePassword, districtCode: user.districtCode ?? null };
  }

  /**
   * Current password and a new one: every other token stops working at once (the version moves on);
   * the caller gets a fresh token. Wrong current passwords count toward the sign-in lockout.
   */
  async changePassword(userId: number, input: ChangePasswordInput): Promise<Session> {
    const current = await this.models.User.findByPk(userId);
    if (!current) throw new UnauthenticatedError();
    if (!current.passwordHash) throw new ForbiddenError('该账号没有密码，请先绑定手机号', 'NO_PASSWORD');
    const attemptId = current.phone ? await this.loginAttempts.begin(current.phone) : null;
    const valid = await verifyPassword(input.currentPassword, current.passwordHash);
    if (!valid) throw new ValidationError([{ path: 'currentPassword', message: '当前密码不正确' }], '当前密码不正确');
    if (attemptId !== null) await this.loginAttempts.drop(attemptId);
    if (input.newPassword === input.currentPassword) throw new ValidationError([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
    const passwordHash = await hashPassword(input.newPassword);
    const user = await this.db.writeTransaction(async (transaction) => {
      const row = await this.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row) throw new UnauthenticatedError();
      await row.update({ passwordHash, tokenVersion: row.tokenVersion + 1, mustChangePassword: false }, { transaction });
      await this.audit.record({ actorId: userId, action: 'user.password.change', entity: 'user', entityId: userId }, transaction);
      return row;
    });
    return this.session(user);
  }

  /**
   * For a step that needs the holder again (deleting the account): the password, or — for an account
   * made by WeChat login that never set one — a fresh wx.login code whose openid is the account's.
   */
  async reauthenticate(userId: number, proof: { password?: string; wechatCode?: string }): Promise<void> {
    const user = await this.models.User.findByPk(userId);
    if (!user) throw new UnauthenticatedError();
    if (user.passwordHash || !user.wechatOpenId) return this.checkOwnPassword(userId, proof.password ?? '');
    if (!proof.wechatCode) throw new ValidationError([{ path: 'wechatCode', message: '请在小程序中重新确认微信身份' }]);
    // a refused code is this step failing, not the session: 400, not 401
    const { openid } = await this.wechat.exchangeCode(proof.wechatCode).catch((err: unknown) => {
      if (err instanceof UnauthenticatedError) throw new ValidationError([{ path: 'wechatCode', message: '微信身份校验失败，请重试' }], '微信身份校验失败，请重试');
      throw err;
    });
    if (openid !== user.wechatOpenId) throw new ValidationError([{ path: 'wechatCode', message: '微信身份与当前账号不符' }], '微信身份与当前账号不符');
  }

  /** For a step that needs the password again. */
  async checkOwnPassword(userId: number, password: string): Promise<void> {
    const user = await this.models.User.findByPk(userId);
    if (!user) throw new UnauthenticatedError();
    const attemptId = user.phone ? await this.loginAttempts.begin(user.phone) : null;
    if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) throw new ValidationError([{ path: 'password', message: '密码不正确' }], '密码不正确');
    if (attemptId !== null) await this.loginAttempts.drop(attemptId);
  }

  /**
   * PIPL deletion, inside the caller's transaction: the account keeps its id (audit entries name it)
   * and nothing else — phone, name, password, WeChat link erased — and every token ends.
   */
  async erase(userId: number, transaction: Transaction): Promise<void> {
    const user = await this.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!user) throw new UnauthenticatedError();
    await user.update({ phone: null, name: ERASED_NAME, passwordHash: null, wechatOpenId: null, status: 'disabled', mustChangePassword: false, tokenVersion: user.tokenVersion + 1, erasedAt: this.clock.now() }, { transaction });
    await this.audit.record({ actorId: userId, action: 'user.erase', entity: 'user', entityId: userId }, transaction);
  }

  /** What the account holds about its holder, for the PIPL data export. */
  async exportOwn(userId: number) {
    const user = await this.models.User.findByPk(userId);
    if (!user) throw new UnauthenticatedError();
    return { ...toUserSelfView(user), status: user.status, createdAt: user.createdAt };
  }

  /** Account names by id (who acted, in the audit trail). */
  async namesOf(userIds: number[]): Promise<Map<number, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.models.User.findAll({ where: { id: [...new Set(userIds)] }, attributes: ['id', 'name'] });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The WeChat openid of each of these accounts that signed in through the mini-program. */
  async openIdsOf(userIds: number[]): Promise<Map<number, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.models.User.findAll({ where: { id: [...new Set(userIds)], wechatOpenId: { [Op.ne]: null } }, attributes: ['id', 'wechatOpenId'] });
    return new Map(rows.map((r) => [r.id, r.wechatOpenId!]));
  }

  async maskedPhones(userIds: number[]): Promise<Map<number, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.models.User.findAll({ where: { id: [...new Set(userIds)] }, attributes: ['id', 'phone'] });
    return new Map(rows.filter((r) => r.phone !== null).map((r) => [r.id, maskPhone(r.phone!)]));
  }

  async getSelf(id: number): Promise<UserSelfView> {
    const user = await this.models.User.findByPk(id);
    if (!user) throw new UnauthenticatedError();
    return toUserSelfView(user);
  }

  /** An admin creates an account of any role (staff accounts exist only this way). */
  async createUser(actorId: number, input: CreateUserInput): Promise<UserSelfView> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.writeTransaction(async (transaction) => {
        const user = await this.models.User.create(
          { phone: input.phone, passwordHash, name: input.name, role: input.role, wechatOpenId: null, districtCode: input.districtCode ?? null },
          { transaction },
        );
        await this.audit.record(
          { actorId, action: 'user.create', entity: 'user', entityId: user.id, after: { name: user.name, role: user.role, districtCode: user.districtCode } },
          transaction,
        );
        return toUserSelfView(user);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw phoneTaken();
      throw err;
    }
  }

  /** On start: the configured admin exists. An existing account with that phone is left as it is. */
  async ensureAdmin(phone: string, password: string): Promise<'created' | 'exists' | 'exists-not-admin'> {
    const existing = await this.models.User.findOne({ where: { phone } });
    if (existing) return existing.role === 'admin' ? 'exists' : 'exists-not-admin';
    const passwordHash = await hashPassword(password);
    try {
      await this.db.writeTransaction(async (transaction) => {
        const admin = await this.models.User.create(
          { phone, passwordHash, name: '系统管理员', role: 'admin' as Role, wechatOpenId: null },
          { transaction },
        );
        await this.audit.record({ actorId: null, action: 'user.create', entity: 'user', entityId: admin.id, after: { role: 'admin', via: 'ADMIN_PHONE' } }, transaction);
      });
      return 'created';
    } catch (err) {
      if (err instanceof UniqueConstraintError) return 'exists';
      throw err;
    }
  }
}
