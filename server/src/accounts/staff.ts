import { randomInt } from 'node:crypto';
import { Op, type WhereOptions } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors';
import { districtAfterChange, staffDistrictProblem } from './district';
import type { Page } from '../platform/http/pagination';
import { containsPattern } from '../platform/search';
import type { AccountModels, UserRow } from './models';
import { hashPassword } from './password';
import { maskPhone } from './phone';
import type { PatchUserInput, UserAdminView, UserListQuery } from './schemas';

/** No 0/O, 1/l/I: read off a screen and typed on a phone. */
const TEMPORARY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const TEMPORARY_LENGTH = 12;

export function temporaryPassword(): string {
  return Array.from({ length: TEMPORARY_LENGTH }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
}

function toUserAdminView(user: UserRow): UserAdminView {
  return {
    id: user.id,
    name: user.name,
    phoneMasked: user.phone ? maskPhone(user.phone) : null,
    role: user.role,
    status: user.status,
    mustChangePassword: user.mustChangePassword,
    wechatBound: user.wechatOpenId !== null,
    erased: user.erasedAt !== null,
    districtCode: user.districtCode ?? null,
    createdAt: user.createdAt,
  };
}

/**
 * 员工账号: an admin lists accounts, changes roles, disables and enables them, and issues temporary
 * passwords; each audited. An admin cannot lock themselves out, and there is always an active admin.
 */
export class AccountAdminService {
  constructor(
    private readonly db: Database,
    private readonly models: AccountModels,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserListQuery): Promise<Page<UserAdminView>> {
    const and: WhereOptions<UserRow>[] = [];
    if (query.role) and.push({ role: query.role });
    if (query.status) and.push({ status: query.status });
    if (query.q) {
      const q = query.q;
      const byPhone = /^\d{4}$/.test(q) ? { phone: { [Op.like]: `%${q}` } } : /^1\d{10}$/.test(q) ? { phone: q } : null;
      const name = containsPattern(q);
      const matches: WhereOptions<UserRow>[] = [...(name ? [{ name: { [Op.like]: name } }] : []), ...(byPhone ? [byPhone] : [])];
      and.push(matches.length ? { [Op.or]: matches } : { id: 0 }); // ids start at 1: nothing matches
    }
    const { rows, count } = await this.models.User.findAndCountAll({ where: { [Op.and]: and }, order: [['id', 'ASC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: rows.map(toUserAdminView), total: count, page: query.page, pageSize: query.pageSize };
  }

  async update(actorId: number, id: number, patch: PatchUserInput): Promise<UserAdminView> {
    return this.db.writeTransaction(async (transaction) => {
      const user = await this.models.User.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!user) throw new NotFoundError('账号不存在');
      if (user.erasedAt) throw new ConflictError('该账号已由本人注销，不能再修改', 'ACCOUNT_ERASED');
      const removesAdmin = user.role === 'admin' && ((patch.role !== undefined && patch.role !== 'admin') || patch.status === 'disabled');
      if (id === actorId && removesAdmin) throw new ConflictError('不能停用自己的账号或取消自己的管理员角色', 'CANNOT_CHANGE_SELF');
      if (removesAdmin && user.status === 'active') {
        const admins = await this.models.User.count({ where: { role: 'admin', status: 'active' }, transaction });
        if (admins <= 1) throw new ConflictError('至少需要保留一个可用的管理员账号', 'LAST_ADMIN');
      }
      const districtCode = districtAfterChange({ role: user.role, districtCode: user.districtCode ?? null }, patch);
      const problem = staffDistrictProblem(patch.role ?? user.role, districtCode);
      if (problem) throw new ValidationError([{ path: 'districtCode', message: problem }]);
      const before = { role: user.role, status: user.status, districtCode: user.districtCode ?? null };
      const disabling = patch.status === 'disabled' && user.status !== 'disabled';
      // Disabling ends every token; enabling later does not bring the old ones back.
      await user.update({ ...patch, districtCode, ...(disabling ? { tokenVersion: user.tokenVersion + 1 } : {}) }, { transaction });
      const after = { role: user.role, status: user.status, districtCode: user.districtCode ?? null };
      if (before.role !== after.role || before.status !== after.status || before.districtCode !== after.districtCode) {
        await this.audit.record({ actorId, action: before.status !== after.status ? `user.${after.status === 'disabled' ? 'disable' : 'enable'}` : 'user.role', entity: 'user', entityId: id, before, after }, transaction);
      }
      return toUserAdminView(user);
    });
  }

  /** A temporary password, shown once to the admin; the holder must change it at next sign-in. */
  async issueTemporaryPassword(actorId: number, id: number): Promise<{ temporaryPassword: string }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.db.writeTransaction(async (transaction) => {
      const user = await this.models.User.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!user) throw new NotFoundError('账号不存在');
      if (user.erasedAt) throw new ConflictError('该账号已由本人注销', 'ACCOUNT_ERASED');
      if (!user.phone) throw new ConflictError('该账号未绑定手机号，无法用密码登录', 'NO_PHONE');
      await user.update({ passwordHash, mustChangePassword: true, tokenVersion: user.tokenVersion + 1 }, { transaction });
      // the password itself never goes into the trail
      await this.audit.record({ actorId, action: 'user.password.temporary', entity: 'user', entityId: id }, transaction);
    });
    return { temporaryPassword: password };
  }
}
