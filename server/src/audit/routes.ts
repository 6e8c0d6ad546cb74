import type { Routes } from '../platform/http/route';
import { auditPage, auditQuery } from './schemas';
import type { AuditService } from './service';

/** Names of the accounts that acted. Given by the caller (accounts): audit is a sink every module writes to, and imports none of them. */
export type ActorNames = (ids: number[]) => Promise<Map<number, string>>;

export function registerAuditRoutes(routes: Routes, audit: AuditService, actorNames: ActorNames): void {
  routes.define({
    method: 'get',
    path: '/api/audit',
    summary: 'Audit trail of staff actions, newest first',
    tag: 'audit',
    access: ['office', 'admin'],
    query: auditQuery,
    response: auditPage,
    handler: async ({ query }) => {
      const page = await audit.list(query);
      const names = await actorNames(page.items.map((e) => e.actorId).filter((id): id is number => id !== null));
      return { ...page, items: page.items.map((e) => ({ ...e, actorName: e.actorId === null ? null : names.get(e.actorId) ?? null })) };
    },
  });
}
