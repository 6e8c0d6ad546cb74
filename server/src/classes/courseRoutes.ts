import { courseCodeParams, courseView } from '../catalog/schemas';
import type { CatalogService } from '../catalog/service';
import type { Routes } from '../platform/http/route';
import { z } from '../platform/zod';
import { classView } from './schemas';
import type { ClassService } from './service';
import type { ClassViewer } from './views';

const courseDetail = courseView.extend({ upcomingClasses: z.array(classView) }).openapi('CourseDetail');

/** A course's page: the catalog's course with its upcoming classes (classes build on the catalog). */
export function registerCourseDetailRoute(routes: Routes, catalog: CatalogService, classes: ClassService, describeClasses: ClassViewer): void {
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
