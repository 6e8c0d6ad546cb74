import type { AccountService } from '../accounts/service';
import type { Routes } from '../platform/http/route';
import { meView, practitionerSelfView, profileInput } from './schemas';
import type { TalentService } from './service';

export function registerTalentRoutes(routes: Routes, talent: TalentService, accounts: AccountService): void {
  routes.define({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in account and its talent record',
    tag: 'accounts',
    access: 'user',
    response: meView,
    duringPasswordChange: true,
    handler: async ({ user }) => ({ user: await accounts.getSelf(user.id), practitioner: await talent.getOwnRecord(user.id) }),
  });

  routes.define({
    method: 'put',
    path: '/api/me/profile',
    summary: "Create or update the signed-in practitioner's talent record (pending until the office verifies it)",
    tag: 'talent',
    access: ['practitioner'],
    body: profileInput,
    response: practitionerSelfView,
    errors: [409],
    handler: ({ user, body }) => talent.saveOwnProfile(user.id, body),
  });
}
