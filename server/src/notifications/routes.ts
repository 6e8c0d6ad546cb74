import type { Routes } from '../platform/http/route';
import type { Outbox } from './outbox';
import {
  notificationIdParams,
  notificationListQuery,
  notificationPage,
  notificationView,
  outboxListQuery,
  outboxMessageView,
  outboxPage,
  readAllResult,
  unreadCount,
  wechatConsentInput,
  wechatSubscriptions,
} from './schemas';
import type { NotificationService } from './service';

export function registerNotificationRoutes(routes: Routes, notifications: NotificationService, outbox: Outbox): void {
  routes.define({
    method: 'get',
    path: '/api/me/notifications',
    summary: 'My inbox (消息), newest first',
    tag: 'notifications',
    access: 'user',
    query: notificationListQuery,
    response: notificationPage,
    handler: ({ user, query }) => notifications.list(user.id, query),
  });

  routes.define({
    method: 'get',
    path: '/api/me/notifications/unread-count',
    summary: 'How many entries of my inbox are unread',
    tag: 'notifications',
    access: 'user',
    response: unreadCount,
    handler: async ({ user }) => ({ count: await notifications.unreadCount(user.id) }),
  });

  routes.define({
    method: 'post',
    path: '/api/me/notifications/read-all',
    summary: 'Mark every entry of my inbox read',
    tag: 'notifications',
    access: 'user',
    response: readAllResult,
    handler: ({ user }) => notifications.markAllRead(user.id),
  });

  routes.define({
    method: 'post',
    path: '/api/me/notifications/:id/read',
    summary: 'Mark one entry of my inbox read (someone else’s answers 404)',
    tag: 'notifications',
    access: 'user',
    params: notificationIdParams,
    response: notificationView,
    errors: [404],
    handler: ({ user, params }) => notifications.markRead(user.id, params.id),
  });

  routes.define({
    method: 'get',
    path: '/api/me/wechat-subscriptions',
    summary: 'The subscribe-message templates configured, with my remaining consents for each',
    tag: 'notifications',
    access: 'user',
    response: wechatSubscriptions,
    handler: async ({ user }) => ({ items: await notifications.subscriptions(user.id) }),
  });

  routes.define({
    method: 'post',
    path: '/api/me/wechat-subscriptions',
    summary: 'Record the consents requestSubscribeMessage obtained (an unknown template is a 400)',
    tag: 'notifications',
    access: 'user',
    body: wechatConsentInput,
    response: wechatSubscriptions,
    handler: async ({ user, body }) => ({ items: await notifications.recordConsents(user.id, body.templateIds) }),
  });

  routes.define({
    method: 'get',
    path: '/api/admin/outbox',
    summary: 'Subscribe messages queued, sent and given up, newest first',
    tag: 'notifications',
    access: ['admin'],
    query: outboxListQuery,
    response: outboxPage,
    handler: ({ query }) => outbox.list(query),
  });

  routes.define({
    method: 'post',
    path: '/api/admin/outbox/:id/retry',
    summary: 'Send a given-up message again',
    tag: 'notifications',
    access: ['admin'],
    params: notificationIdParams,
    response: outboxMessageView,
    errors: [404],
    handler: ({ params, user }) => outbox.retry(user.id, params.id),
  });
}
