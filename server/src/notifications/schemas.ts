import { z } from '../platform/zod';
import { pageOf, pageQuery } from '../platform/http/pagination';
import { NOTIFICATION_KINDS, OUTBOX_STATUSES } from '../reference/vocabulary';
import { queryFlag } from '../platform/http/queryFlag';

export const notificationIdParams = z.object({ id: z.coerce.number().int().positive() });

export const notificationListQuery = z.object({
  unread: queryFlag().openapi({ description: 'only entries not yet read' }),
  ...pageQuery,
});

/** What a person sees of an entry of their own inbox. */
export const notificationView = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS.values),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: 'the app page the entry is about, e.g. /pages/enrollment/mine/index' }),
    createdAt: z.date(),
    readAt: z.date().nullable(),
  })
  .openapi('Notification');

export const notificationPage = pageOf(notificationView).openapi('NotificationPage');
export const unreadCount = z.object({ count: z.number().int() }).openapi('UnreadCount');
export const readAllResult = z.object({ updated: z.number().int() }).openapi('ReadAllResult');

export const wechatConsentInput = z
  .object({
    templateIds: z
      .array(z.string().trim().min(1).max(64))
      .min(1, '至少一个模板')
      .max(20)
      .openapi({ description: 'the templates requestSubscribeMessage answered "accept" for; one consent allows one message' }),
  })
  .openapi('WechatConsentInput');

export const wechatSubscriptions = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS.values),
        templateId: z.string(),
        remaining: z.number().int().openapi({ description: 'messages of this template the person still allows' }),
      }),
    ),
  })
  .openapi('WechatSubscriptions');

export const outboxListQuery = z.object({ status: z.enum(OUTBOX_STATUSES.values).optional(), ...pageQuery });

/** What admins see of a queued subscribe message (never its openid). */
export const outboxMessageView = z
  .object({
    id: z.number().int(),
    notificationId: z.number().int(),
    userId: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS.values),
    templateId: z.string(),
    status: z.enum(OUTBOX_STATUSES.values),
    attempts: z.number().int(),
    nextAttemptAt: z.date(),
    lastError: z.string().nullable(),
    sentAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .openapi('OutboxMessage');

export const outboxPage = pageOf(outboxMessageView).openapi('OutboxPage');
