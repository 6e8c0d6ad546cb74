import type { AccountService } from '../accounts/service';
import type { Routes } from '../platform/http/route';
import { auditPage, auditQuery } from './schemas';
import type { AuditService } from './service';

export function registerAuditRoutes(routes: Routes, audit: AuditService, accounts: AccountService): void {
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
      const names = await accounts.namesOf(page.items.map((e) => e.actorId).filter((id): id is number => id !== null));
      return { ...page, items: page.items.map((e) => ({ ...e, actorName: e.actorId === null ? null : names.get(e.actorId) ?? null })) };
    },
  });
}
