import type { Routes } from '../platform/http/route';
import { talentIdParams } from '../talent/schemas';
import { talentDetail } from './schemas';
import type { PeopleService } from './service';

export function registerPeopleRoutes(routes: Routes, people: PeopleService): void {
  routes.define({
    method: 'get',
    path: '/api/talents/:id',
    summary: "One record with this year's credit summary and enrollments",
    tag: 'talent office',
    access: ['office'],
    params: talentIdParams,
    response: talentDetail,
    errors: [404],
    handler: ({ params }) => people.officeDetail(params.id),
  });
}
