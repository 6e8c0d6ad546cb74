import { z } from '../platform/zod';
import { pageOf, pageQuery } from '../platform/http/pagination';

export const auditQuery = z.object({
  entity: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.coerce.number().int().positive().optional(),
  action: z.string().max(64).optional(),
  ...pageQuery,
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryView = z
  .object({
    id: z.number().int(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable().openapi({ description: 'the staff member who acted; null for the system (import, start-up)' }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.date(),
  })
  .openapi('AuditEntry');

export const auditPage = pageOf(auditEntryView).openapi('AuditPage');
