import { districtScope } from '../platform/http/auth';
import type { Routes } from '../platform/http/route';
import { auditActions, auditPage, auditQuery } from './schemas';
import type { AuditService } from './service';

/** Names of the accounts that acted. Given by the caller (accounts): audit is a sink every module writes to, and imports none of them. */
export type ActorNames = (ids: number[]) => Promise<Map<number, string>>;

export function registerAuditRoutes(routes: Routes, audit: AuditService, actorNames: ActorNames): void {
  routes.define({
    method: 'get',
    path: '/api/audit',
    summary: 'Audit trail of staff actions, newest first (district staff: entries about their district’s records)',
    tag: 'audit',
    access: ['office', 'admin', 'district'],
    query: auditQuery,
    response: auditPage,
    handler: async ({ query, user }) => {
      const page = await audit.list(query, districtScope(user));
      const names = await actorNames(page.items.map((e) => e.actorId).filter((id): id is number => id !== null));
      return { ...page, items: page.items.map((e) => ({ ...e, actorName: e.actorId === null ? null : names.get(e.actorId) ?? null })) };
    },
  });

  routes.define({
    method: 'get',
    path: '/api/audit/actions',
    summary: 'The actions the audit trail holds, for a filter (district staff: those in their district)',
    tag: 'audit',
    access: ['office', 'admin', 'district'],
    response: auditActions,
    handler: async ({ user }) => ({ items: await audit.actions(districtScope(user)) }),
  });
}
