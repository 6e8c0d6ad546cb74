import { z } from '../platform/zod';
import { pageOf, pageQuery } from '../platform/http/pagination';
import { ROLES } from '../platform/http/auth';
import { DISTRICT_CODES } from '../reference/districts';
import { ACCOUNT_STATUSES } from '../reference/vocabulary';
import { staffDistrictProblem } from './district';

export const phoneInput = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入 11 位中国大陆手机号码')
  .openapi({ example: '13800001234' });
export const passwordInput = z.string().min(8, '密码至少 8 位').max(128, '密码最多 128 位');
const nameInput = z.string().trim().min(1, '请填写姓名').max(50);

export const registerInput = z.object({ phone: phoneInput, password: passwordInput, name: nameInput }).openapi('RegisterInput');
export const loginInput = z.object({ phone: phoneInput, password: z.string().min(1, '请输入密码').max(128) }).openapi('LoginInput');
export const wechatLoginInput = z.object({ code: z.string().trim().min(1, '缺少微信登录 code').max(128) }).openapi('WechatLoginInput');
export const bindPhoneInput = z.object({ phone: phoneInput, password: passwordInput }).openapi('BindPhoneInput');
const districtCodeInput = z.enum(DISTRICT_CODES, { message: '请选择重庆市的区县' });
export const createUserInput = z
  .object({ phone: phoneInput, password: passwordInput, name: nameInput, role: z.enum(ROLES), districtCode: districtCodeInput.optional() })
  .superRefine((u, ctx) => {
    const problem = staffDistrictProblem(u.role, u.districtCode ?? null);
    if (problem) ctx.addIssue({ code: 'custom', path: ['districtCode'], message: problem });
  })
  .openapi('CreateUserInput');

export const changePasswordInput = z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(128), newPassword: passwordInput }).openapi('ChangePasswordInput');
export const resetRequestInput = z.object({ phone: phoneInput }).openapi('PasswordResetRequest');
export const resetConfirmInput = z
  .object({ phone: phoneInput, code: z.string().trim().regex(/^\d{6}$/, '验证码为 6 位数字'), newPassword: passwordInput })
  .openapi('PasswordResetConfirm');
/** The password again; an account made by WeChat login without one sends a fresh wx.login code instead. */
export const deletionInput = z
  .object({ password: z.string().min(1, '请输入密码').max(128).optional(), wechatCode: z.string().trim().min(1).max(128).optional() })
  .refine((d) => d.password !== undefined || d.wechatCode !== undefined, { message: '请输入密码', path: ['password'] })
  .openapi('AccountDeletionInput');

export const userListQuery = z
  .object({
    ...pageQuery,
    role: z.enum(ROLES).optional(),
    status: z.enum(ACCOUNT_STATUSES.values).optional(),
    /** Name or phone (a full phone, or its last four digits). */
    q: z.string().trim().max(50).optional(),
  })
  .openapi('UserListQuery');
export const userIdParams = z.object({ id: z.coerce.number().int().positive() });
export const patchUserInput = z
  .object({ role: z.enum(ROLES).optional(), status: z.enum(ACCOUNT_STATUSES.values).optional(), districtCode: districtCodeInput.nullable().optional() })
  .refine((p) => p.role !== undefined || p.status !== undefined || p.districtCode !== undefined, { message: '请至少修改一项（角色、状态或所属区县）' })
  .openapi('PatchUserInput');

export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
export type ResetConfirmInput = z.infer<typeof resetConfirmInput>;
export type UserListQuery = z.infer<typeof userListQuery>;
export type PatchUserInput = z.infer<typeof patchUserInput>;
export type RegisterInput = z.infer<typeof registerInput>;
export type LoginInput = z.infer<typeof loginInput>;
export type BindPhoneInput = z.infer<typeof bindPhoneInput>;
export type CreateUserInput = z.infer<typeof createUserInput>;

/** What an account holder sees of their own account. */
export const userSelfView = z
  .object({
    id: z.number().int(),
    phone: z.string().nullable(),
    name: z.string(),
    role: z.enum(ROLES),
    wechatBound: z.boolean(),
    /** An admin's temporary password is in use: change it before anything else. */
    mustChangePassword: z.boolean(),
    /** The district a `district` account works for; null for every other role. */
    districtCode: z.string().nullable(),
  })
  .openapi('UserSelf');
export type UserSelfView = z.infer<typeof userSelfView>;

export const sessionView = z.object({ token: z.string(), user: userSelfView }).openapi('Session');
export const wechatSessionView = z.object({ token: z.string(), user: userSelfView, isNew: z.boolean() }).openapi('WechatSession');
export const createdUserView = z.object({ user: userSelfView }).openapi('CreatedUser');

/** What an admin sees of an account in the 员工账号 list: the phone masked, never a hash. */
export const userAdminView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phoneMasked: z.string().nullable(),
    role: z.enum(ROLES),
    status: z.enum(ACCOUNT_STATUSES.values),
    mustChangePassword: z.boolean(),
    wechatBound: z.boolean(),
    erased: z.boolean(),
    districtCode: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('UserAdmin');
export type UserAdminView = z.infer<typeof userAdminView>;
export const userAdminPage = pageOf(userAdminView).openapi('UserAdminPage');
export const temporaryPasswordView = z.object({ temporaryPassword: z.string() }).openapi('TemporaryPassword');
