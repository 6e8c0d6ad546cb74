import { noContent, reply, type Routes } from '../platform/http/route';
import type { PasswordResetService } from './passwordReset';
import {
  bindPhoneInput,
  changePasswordInput,
  createdUserView,
  createUserInput,
  loginInput,
  patchUserInput,
  registerInput,
  resetConfirmInput,
  resetRequestInput,
  sessionView,
  temporaryPasswordView,
  userAdminPage,
  userAdminView,
  userIdParams,
  userListQuery,
  userSelfView,
  wechatLoginInput,
  wechatSessionView,
} from './schemas';
import type { AccountService } from './service';
import type { AccountAdminService } from './staff';

export interface AccountRouteServices {
  accounts: AccountService;
  passwordReset: PasswordResetService;
  accountAdmin: AccountAdminService;
}

export function registerAccountRoutes(routes: Routes, { accounts, passwordReset, accountAdmin }: AccountRouteServices): void {
  routes.define({
    method: 'post',
    path: '/api/auth/register',
    summary: 'Sign up with phone and password (role practitioner)',
    tag: 'accounts',
    access: 'public',
    body: registerInput,
    status: 201,
    response: sessionView,
    errors: [409],
    handler: ({ body }) => accounts.register(body),
  });

  routes.define({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with phone and password; 5 failures in 15 minutes lock the phone until the window passes',
    tag: 'accounts',
    access: 'public',
    body: loginInput,
    response: sessionView,
    // 403 ACCOUNT_DISABLED, told only after the right password
    errors: [401, 403, 429],
    handler: ({ body }) => accounts.login(body),
  });

  routes.define({
    method: 'post',
    path: '/api/auth/wechat',
    summary: 'Sign in from the mini-program with a wx.login code',
    tag: 'accounts',
    access: 'public',
    body: wechatLoginInput,
    response: wechatSessionView,
    errors: [401, 403, 503],
    handler: ({ body }) => accounts.loginWithWechat(body.code),
  });

  routes.define({
    method: 'post',
    path: '/api/auth/bind-phone',
    summary: 'Add a phone login to an account signed in by WeChat',
    tag: 'accounts',
    access: 'user',
    body: bindPhoneInput,
    response: userSelfView,
    // 403: the account has no WeChat login to add a phone to
    errors: [403, 409],
    handler: ({ user, body }) => accounts.bindPhone(user.id, body),
  });

  routes.define({
    method: 'post',
    path: '/api/admin/users',
    summary: 'Create an account of any role (staff accounts are made this way)',
    tag: 'accounts',
    access: ['admin'],
    body: createUserInput,
    status: 201,
    response: createdUserView,
    errors: [409],
    handler: async ({ user, body }) => ({ user: await accounts.createUser(user.id, body) }),
  });

  routes.define({
    method: 'post',
    path: '/api/me/password',
    summary: 'Change the password (current + new): every other token of the account stops working; the new token is in X-New-Token',
    tag: 'accounts',
    access: 'user',
    body: changePasswordInput,
    status: 204,
    response: noContent,
    errors: [403, 429],
    duringPasswordChange: true,
    handler: async ({ user, body, ctx }) => {
      const session = await accounts.changePassword(user.id, body);
      ctx.set('X-New-Token', session.token);
      return undefined;
    },
  });

  routes.define({
    method: 'post',
    path: '/api/auth/password-reset/request',
    summary: 'Send a 6-digit reset code by SMS; 202 whether or not the phone has an account; 1 a minute and 5 a day per phone',
    tag: 'accounts',
    access: 'public',
    body: resetRequestInput,
    status: 202,
    response: noContent,
    errors: [429],
    handler: async ({ body }) => {
      await passwordReset.request(body.phone);
      return reply(202, undefined);
    },
  });

  routes.define({
    method: 'post',
    path: '/api/auth/password-reset/confirm',
    summary: 'Set a new password with the SMS code (valid 10 minutes, void after 5 wrong tries); ends every earlier token',
    tag: 'accounts',
    access: 'public',
    body: resetConfirmInput,
    response: sessionView,
    handler: ({ body }) => passwordReset.confirm(body),
  });

  routes.define({
    method: 'get',
    path: '/api/admin/users',
    summary: 'Accounts (员工账号 and practitioners), by role, status, name or phone',
    tag: 'accounts',
    access: ['admin'],
    query: userListQuery,
    response: userAdminPage,
    handler: ({ query }) => accountAdmin.list(query),
  });

  routes.define({
    method: 'patch',
    path: '/api/admin/users/:id',
    summary: 'Change role or status; a disabled account cannot sign in and its tokens stop at once',
    tag: 'accounts',
    access: ['admin'],
    params: userIdParams,
    body: patchUserInput,
    response: userAdminView,
    errors: [404, 409],
    handler: ({ user, params, body }) => accountAdmin.update(user.id, params.id, body),
  });

  routes.define({
    method: 'post',
    path: '/api/admin/users/:id/password-reset',
    summary: 'Issue a temporary password (shown once) that must be changed at next sign-in',
    tag: 'accounts',
    access: ['admin'],
    params: userIdParams,
    response: temporaryPasswordView,
    errors: [404, 409],
    handler: ({ user, params }) => accountAdmin.issueTemporaryPassword(user.id, params.id),
  });
}
