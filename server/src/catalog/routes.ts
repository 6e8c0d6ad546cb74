import type { Routes } from '../platform/http/route';
import { courseList, courseListQuery } from './schemas';
import type { CatalogService } from './service';

/** The catalog itself. One course's page lists its upcoming classes, so it is the classes module's (classes/courseRoutes.ts). */
export function registerCatalogRoutes(routes: Routes, catalog: CatalogService): void {
  routes.define({
    method: 'get',
    path: '/api/courses',
    summary: 'The course catalog, searchable by text and category',
    tag: 'catalog',
    access: 'public',
    query: courseListQuery,
    response: courseList,
    handler: async ({ query }) => {
      const items = await catalog.list(query);
      return { items, total: items.length };
    },
  });
}
