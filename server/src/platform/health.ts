import type { Routes } from './http/route';
import { z } from './zod';
import { UnavailableError } from './errors';

const healthView = z.object({ status: z.literal('ok') }).openapi('Health');

export function registerHealthRoutes(routes: Routes, ping: () => Promise<void>): void {
  routes.define({
    method: 'get',
    path: '/healthz',
    summary: 'The process is up',
    tag: 'health',
    access: 'public',
    response: healthView,
    handler: async () => ({ status: 'ok' as const }),
  });
  routes.define({
    method: 'get',
    path: '/readyz',
    summary: 'The database answers (503 otherwise)',
    tag: 'health',
    access: 'public',
    response: healthView,
    errors: [503],
    handler: async () => {
      try {
        await ping();
      } catch {
        throw new UnavailableError('数据库无响应');
      }
      return { status: 'ok' as const };
    },
  });
}
