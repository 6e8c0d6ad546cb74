import type { Routes } from '../platform/http/route';
import { auditPage, auditQuery } from './schemas';
import type { AuditService } from './service';

export function registerAuditRoutes(routes: Routes, audit: AuditService): void {
  routes.define({
    method: 'get',
    path: '/api/audit',
    summary: 'Audit trail of staff actions, newest first',
    tag: 'audit',
    access: ['office', 'admin'],
    query: auditQuery,
    response: auditPage,
    handler: ({ query }) => audit.list(query),
  });
}
