import type { ClassService } from '../classes/service';
import type { ClassViewer } from '../classes/views';
import { creditSummaryView } from '../credits/schemas';
import type { CreditService } from '../credits/service';
import { myEnrollmentsView } from '../enrollment/schemas';
import type { EnrollmentService } from '../enrollment/service';
import { pageOf } from '../platform/http/pagination';
import type { Routes } from '../platform/http/route';
import type { TalentOfficeService } from './office';
import { patchTalentInput, practitionerOfficeView, rejectTalentInput, talentIdParams, talentListQuery } from './schemas';

const talentPage = pageOf(practitionerOfficeView).openapi('TalentPage');
const talentDetail = practitionerOfficeView
  .extend({ credits: creditSummaryView, enrollments: myEnrollmentsView.shape.items })
  .openapi('TalentDetail');

export interface TalentDetailDeps {
  credits: CreditService;
  enrollment: EnrollmentService;
  classes: ClassService;
  describeClasses: ClassViewer;
}

export function registerTalentOfficeRoutes(routes: Routes, office: TalentOfficeService, deps: TalentDetailDeps): void {
  routes.define({
    method: 'get',
    path: '/api/talents',
    summary: 'Search the talent database (a full ID number in q finds that person)',
    tag: 'talent office',
    access: ['office'],
    query: talentListQuery,
    response: talentPage,
    handler: ({ query }) => office.search(query),
  });

  routes.define({
    method: 'get',
    path: '/api/talents/:id',
    summary: "One record with this year's credit summary and enrollments",
    tag: 'talent office',
    access: ['office'],
    params: talentIdParams,
    response: talentDetail,
    errors: [404],
    handler: async ({ params }) => {
      const record = await office.get(params.id);
      const [credits, enrollments] = await Promise.all([deps.credits.summary(record.id, deps.credits.currentYear()), deps.enrollment.enrollmentsOf(record.id)]);
      const rows = await Promise.all([...new Set(enrollments.map((e) => e.classId))].map((id) => deps.classes.findRow(id)));
      const views = new Map((await deps.describeClasses(rows, null)).map((v) => [v.id, v]));
      return { ...record, credits, enrollments: enrollments.map(({ classId, ...e }) => ({ ...e, class: views.get(classId)! })) };
    },
  });

  routes.define({
    method: 'post',
    path: '/api/talents/:id/verify',
    summary: 'Verify a record (it then counts toward the target); audited',
    tag: 'talent office',
    access: ['office'],
    params: talentIdParams,
    response: practitionerOfficeView,
    errors: [404],
    handler: ({ user, params }) => office.verify(user.id, params.id),
  });

  routes.define({
    method: 'post',
    path: '/api/talents/:id/reject',
    summary: 'Reject a record with a reason the practitioner sees; audited',
    tag: 'talent office',
    access: ['office'],
    params: talentIdParams,
    body: rejectTalentInput,
    response: practitionerOfficeView,
    errors: [404, 409],
    handler: ({ user, params, body }) => office.reject(user.id, params.id, body.reason),
  });

  routes.define({
    method: 'patch',
    path: '/api/talents/:id',
    summary: 'Set the tier or deactivate a record; audited',
    tag: 'talent office',
    access: ['office'],
    params: talentIdParams,
    body: patchTalentInput,
    response: practitionerOfficeView,
    errors: [404],
    handler: ({ user, params, body }) => office.patch(user.id, params.id, body),
  });
}
