import { districtScope } from '../platform/http/auth';
import { noContent, type Routes } from '../platform/http/route';
import { talentIdParams } from '../talent/schemas';
import { dataExportView, deletionInput, talentDetail } from './schemas';
import type { PeopleService } from './service';

export function registerPeopleRoutes(routes: Routes, people: PeopleService): void {
  routes.define({
    method: 'get',
    path: '/api/talents/:id',
    summary: "One record with this year's credit summary and enrollments",
    tag: 'talent office',
    access: ['office', 'district'],
    params: talentIdParams,
    response: talentDetail,
    errors: [404],
    handler: ({ params, user }) => people.officeDetail(params.id, districtScope(user)),
  });

  routes.define({
    method: 'get',
    path: '/api/me/data-export',
    summary: 'Everything held about the caller (PIPL): account, talent record, enrollments, attendance, hours, claims, certificates',
    tag: 'accounts',
    access: 'user',
    response: dataExportView,
    handler: ({ user }) => people.dataExport(user.id),
  });

  routes.define({
    method: 'post',
    path: '/api/me/account-deletion',
    summary: 'Delete the account (the password again, or a fresh wx.login code for a WeChat account without one): personal fields erased, the record stops counting; hours and audit stay, detached',
    tag: 'accounts',
    access: 'user',
    body: deletionInput,
    status: 204,
    response: noContent,
    errors: [403, 429],
    handler: async ({ user, body }) => {
      await people.deleteAccount(user.id, user.role, body);
      return undefined;
    },
  });
}
