import type { ClassService } from '../classes/service';
import { classView } from '../classes/schemas';
import type { ClassViewer } from '../classes/views';
import type { Routes } from '../platform/http/route';
import { z } from '../platform/zod';
import { courseCodeParams, courseList, courseListQuery, courseView } from './schemas';
import type { CatalogService } from './service';

const courseDetail = courseView.extend({ upcomingClasses: z.array(classView) }).openapi('CourseDetail');

export function registerCatalogRoutes(routes: Routes, catalog: CatalogService, classes: ClassService, describeClasses: ClassViewer): void {
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

  routes.define({
    method: 'get',
    path: '/api/courses/:code',
    summary: 'One course with its upcoming classes',
    tag: 'catalog',
    access: 'optional',
    params: courseCodeParams,
    response: courseDetail,
    errors: [404],
    handler: async ({ params, user }) => {
      const course = await catalog.get(params.code);
      const facts = (await catalog.factsByCode(params.code))!;
      const upcoming = await classes.upcomingOfCourse(facts.id);
      return { ...course, upcomingClasses: await describeClasses(upcoming, user) };
    },
  });
}
