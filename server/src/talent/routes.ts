import type { Routes } from '../platform/http/route';
import { practitionerSelfView, profileInput } from './schemas';
import type { TalentService } from './service';

export function registerTalentRoutes(routes: Routes, talent: TalentService): void {
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
