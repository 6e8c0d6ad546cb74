import { classIdParams } from '../classes/schemas';
import type { ClassService } from '../classes/service';
import { reply, SENT, type Routes } from '../platform/http/route';
import { sendWorkbook, XLSX_TYPE } from '../platform/spreadsheet';
import {
  cancelledView,
  enrollmentIdParams,
  enrollmentOutcomeView,
  myEnrollmentsView,
  rejectedView,
  rejectInput,
  rosterQuery,
  rosterView,
} from './schemas';
import { rosterWorkbook } from './rosterWorkbook';
import type { EnrollmentService } from './service';
import type { EnrollmentViews } from './views';

export function registerEnrollmentRoutes(routes: Routes, enrollment: EnrollmentService, classes: ClassService, views: EnrollmentViews): void {
  routes.define({
    method: 'post',
    path: '/api/classes/:id/enrollments',
    summary: 'Sign up for a class: enrolled, waitlisted (with position) or pending approval; the same call again answers 200 with the same enrollment',
    tag: 'enrollment',
    access: ['practitioner'],
    params: classIdParams,
    status: 201,
    response: enrollmentOutcomeView,
    otherSuccess: { 200: 'Signed up already: the same enrollment' },
    errors: [403, 404, 409],
    handler: async ({ params, user }) => {
      const { enrollment: outcome, created } = await enrollment.enroll(user.id, params.id);
      return reply(created ? 201 : 200, outcome);
    },
  });

  routes.define({
    method: 'delete',
    path: '/api/classes/:id/enrollments/me',
    summary: 'Withdraw from a class before its cancel deadline; the seat goes to the first on the waitlist',
    tag: 'enrollment',
    access: ['practitioner'],
    params: classIdParams,
    response: cancelledView,
    errors: [403, 404, 409],
    handler: ({ params, user }) => enrollment.cancelMine(user.id, params.id),
  });

  routes.define({
    method: 'get',
    path: '/api/me/enrollments',
    summary: "The signed-in practitioner's enrollments with their classes",
    tag: 'enrollment',
    access: ['practitioner'],
    response: myEnrollmentsView,
    handler: async ({ user }) => ({ items: await views.mine(user.id) }),
  });

  routes.define({
    method: 'get',
    path: '/api/classes/:id/enrollments',
    summary: 'The roster of a class (format=xlsx for a spreadsheet with Chinese headers)',
    tag: 'enrollment',
    access: ['trainer'],
    params: classIdParams,
    query: rosterQuery,
    response: rosterView,
    files: [XLSX_TYPE],
    errors: [404],
    handler: async ({ params, query, ctx }) => {
      const items = await enrollment.roster(params.id, query.status);
      if (query.format === 'json') return { items };
      const cls = await classes.findRow(params.id);
      await sendWorkbook(ctx, rosterWorkbook(items), `${cls.title}-报名名单.xlsx`);
      return SENT;
    },
  });

  routes.define({
    method: 'post',
    path: '/api/enrollments/:id/approve',
    summary: 'Approve a pending enrollment: a seat if one is free, else the end of the waitlist',
    tag: 'enrollment',
    access: ['trainer'],
    params: enrollmentIdParams,
    response: enrollmentOutcomeView,
    errors: [404, 409],
    handler: ({ params, user }) => enrollment.approve(user.id, params.id),
  });

  routes.define({
    method: 'post',
    path: '/api/enrollments/:id/reject',
    summary: 'Reject a pending enrollment (it held no seat, so nothing is freed)',
    tag: 'enrollment',
    access: ['trainer'],
    params: enrollmentIdParams,
    body: rejectInput,
    response: rejectedView,
    errors: [404, 409],
    handler: ({ params, body, user }) => enrollment.reject(user.id, params.id, body.reason),
  });

}
