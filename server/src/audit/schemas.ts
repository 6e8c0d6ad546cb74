import { z } from '../platform/zod';
import { pageOf, pageQuery } from '../platform/http/pagination';

const calendarDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

/**
 * An action is dotted words (`talent.verify`, `class.completion.undo`); one ending in a dot
 * (`talent.`) is a prefix: every action that starts with it. Nothing else is accepted, so the
 * prefix never carries a LIKE wildcard.
 */
export const ACTION_FILTER = /^[A-Za-z]+(\.[A-Za-z]+)*\.?$/;

export const auditQuery = z
  .object({
    entity: z.string().max(32).regex(/^[A-Za-z]+$/, '对象类型应为字母').optional().openapi({ description: 'the kind of record: practitioner, agency, class, user…' }),
    entityId: z.string().min(1).max(64).optional().openapi({ description: 'the record’s id, with entity' }),
    actor: z.coerce.number().int().positive().optional().openapi({ description: 'the user id of the staff member who acted' }),
    action: z
      .string()
      .max(64)
      .regex(ACTION_FILTER, '操作类型格式不正确')
      .optional()
      .openapi({ description: 'an exact action (`talent.verify`), or a prefix ending in a dot (`talent.`) for every action starting with it' }),
    from: calendarDate.optional().openapi({ description: 'first day (Asia/Shanghai), inclusive' }),
    to: calendarDate.optional().openapi({ description: 'last day (Asia/Shanghai), inclusive' }),
    ...pageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryView = z
  .object({
    id: z.number().int(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable().openapi({ description: 'the staff member who acted; null for the system (import, start-up)' }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    district: z.string().nullable().openapi({ description: 'the district of the record the action is about; null for what belongs to no district (classes, accounts)' }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.date(),
  })
  .openapi('AuditEntry');

export const auditPage = pageOf(auditEntryView).openapi('AuditPage');

export const auditActions = z
  .object({ items: z.array(z.string()).openapi({ description: 'the actions recorded so far (in the caller’s district for district staff), in order' }) })
  .openapi('AuditActions');
