import { z } from '../platform/zod';
import { ROLES } from '../platform/http/auth';

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
export const createUserInput = z
  .object({ phone: phoneInput, password: passwordInput, name: nameInput, role: z.enum(ROLES) })
  .openapi('CreateUserInput');

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
  })
  .openapi('UserSelf');
export type UserSelfView = z.infer<typeof userSelfView>;

export const sessionView = z.object({ token: z.string(), user: userSelfView }).openapi('Session');
export const wechatSessionView = z.object({ token: z.string(), user: userSelfView, isNew: z.boolean() }).openapi('WechatSession');
export const createdUserView = z.object({ user: userSelfView }).openapi('CreatedUser');
