import type { Routes } from '../platform/http/route';
import {
  bindPhoneInput,
  createdUserView,
  createUserInput,
  loginInput,
  registerInput,
  sessionView,
  userSelfView,
  wechatLoginInput,
  wechatSessionView,
} from './schemas';
import type { AccountService } from './service';

export function registerAccountRoutes(routes: Routes, accounts: AccountService): void {
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
    errors: [401, 429],
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
    errors: [401, 503],
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
}
