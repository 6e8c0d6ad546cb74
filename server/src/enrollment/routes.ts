import ExcelJS from 'exceljs';
import { classIdParams } from '../classes/schemas';
import type { ClassService } from '../classes/service';
import type { ClassViewer } from '../classes/views';
import { reply, SENT, type Routes } from '../platform/http/route';
import { sendWorkbook, sheetWith, XLSX_TYPE } from '../platform/spreadsheet';
import { shanghaiDateTime } from '../platform/time';
import { CATEGORIES, TITLE_LEVELS } from '../reference/vocabulary';
import {
  cancelledView,
  ENROLLMENT_STATUS_LABELS,
  enrollmentIdParams,
  enrollmentOutcomeView,
  myEnrollmentsView,
  rejectedView,
  rejectInput,
  rosterQuery,
  rosterView,
} from './schemas';
import type { EnrollmentService } from './service';

export function registerEnrollmentRoutes(routes: Routes, enrollment: EnrollmentService, classes: ClassService, describeClasses: ClassViewer): void {
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
    handler: async ({ user }) => {
      const mine = await enrollment.myEnrollments(user.id);
      const rows = await Promise.all([...new Set(mine.map((m) => m.classId))].map((id) => classes.findRow(id)));
      const views = new Map((await describeClasses(rows, null)).map((v) => [v.id, v]));
      return { items: mine.map(({ classId, ...m }) => ({ ...m, class: views.get(classId)! })) };
    },
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
      const workbook = new ExcelJS.Workbook();
      sheetWith(
        workbook,
        '报名名单',
        ['序号', '姓名', '手机号', '工作单位', '区县', '人才类别', '职称', '报名状态', '候补位次', '报名时间'],
        items.map((e, i) => [
          i + 1,
          e.name,
          e.phoneMasked ?? '',
          e.orgName,
          e.districtName,
          CATEGORIES.labels[e.category],
          TITLE_LEVELS.labels[e.titleLevel],
          ENROLLMENT_STATUS_LABELS[e.status],
          e.waitlistPosition ?? '',
          shanghaiDateTime(e.createdAt),
        ]),
      );
      await sendWorkbook(ctx, workbook, `${cls.title}-报名名单.xlsx`);
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
