import { noContent, type Routes } from '../platform/http/route';
import { classIdParams, classPage, classView, createClassInput, classListQuery, sessionIdParams, sessionInput, sessionList, sessionView, updateClassInput, updateSessionInput, type UpdateClassInput } from './schemas';
import type { ClassService, SessionAttendance } from './service';
import type { ClassViewer } from './views';

/**
 * Changing a class with its seat consequences (promotion, cancelling enrollments) is enrollment's,
 * which builds on classes: given by the caller (modules.ts) rather than imported.
 */
export type ClassChanger = (actorId: number, classId: number, patch: UpdateClassInput) => Promise<void>;

export function registerClassRoutes(routes: Routes, classes: ClassService, changeClass: ClassChanger, describe: ClassViewer, attendance: SessionAttendance): void {
  const one = async (id: number, user: Parameters<ClassViewer>[1]) => (await describe([await classes.findRow(id)], user))[0];

  routes.define({
    method: 'post',
    path: '/api/classes',
    summary: 'Open a class (开班) of a catalog course',
    tag: 'classes',
    access: ['trainer'],
    body: createClassInput,
    status: 201,
    response: classView,
    errors: [404, 409],
    handler: async ({ user, body }) => one((await classes.create(user.id, body)).id, user),
  });

  routes.define({
    method: 'get',
    path: '/api/classes',
    summary: 'Classes with seat counts, current (running or upcoming, soonest first) before past (most recent first); when=current|past|all; a signed-in practitioner also sees their own enrollment',
    tag: 'classes',
    access: 'optional',
    query: classListQuery,
    response: classPage,
    handler: async ({ query, user }) => {
      const { rows, total } = await classes.list(query);
      return { items: await describe(rows, user), total, page: query.page, pageSize: query.pageSize };
    },
  });

  routes.define({
    method: 'get',
    path: '/api/classes/:id',
    summary: 'One class with seat counts',
    tag: 'classes',
    access: 'optional',
    params: classIdParams,
    response: classView,
    errors: [404],
    handler: ({ params, user }) => one(params.id, user),
  });

  routes.define({
    method: 'patch',
    path: '/api/classes/:id',
    summary: 'Change a class: more capacity promotes the waitlist; less than enrolled → 409; status cancelled cancels every enrollment',
    tag: 'classes',
    access: ['trainer'],
    params: classIdParams,
    body: updateClassInput,
    response: classView,
    errors: [404, 409],
    handler: async ({ params, body, user }) => {
      await changeClass(user.id, params.id, body);
      return one(params.id, user);
    },
  });

  routes.define({
    method: 'post',
    path: '/api/classes/:id/sessions',
    summary: 'Schedule a session (课次) of a class',
    tag: 'classes',
    access: ['trainer'],
    params: classIdParams,
    body: sessionInput,
    status: 201,
    response: sessionView,
    errors: [404, 409],
    handler: ({ params, body, user }) => classes.addSession(user.id, params.id, body),
  });

  routes.define({
    method: 'get',
    path: '/api/classes/:id/sessions',
    summary: 'The sessions of a class in time order',
    tag: 'classes',
    access: 'public',
    params: classIdParams,
    response: sessionList,
    errors: [404],
    handler: async ({ params }) => ({ items: await classes.sessions(params.id) }),
  });

  routes.define({
    method: 'patch',
    path: '/api/sessions/:id',
    summary: 'Change a session (times, topic), checked like a new one; a session someone checked in to → 409 SESSION_HAS_CHECKINS',
    tag: 'classes',
    access: ['trainer'],
    params: sessionIdParams,
    body: updateSessionInput,
    response: sessionView,
    errors: [404, 409],
    handler: ({ params, body, user }) => classes.changeSession(user.id, params.id, body, attendance),
  });

  routes.define({
    method: 'delete',
    path: '/api/sessions/:id',
    summary: 'Delete a session with its absent/excused marks; a session someone checked in to → 409 SESSION_HAS_CHECKINS',
    tag: 'classes',
    access: ['trainer'],
    params: sessionIdParams,
    status: 204,
    response: noContent,
    errors: [404, 409],
    handler: async ({ params, user }) => {
      await classes.removeSession(user.id, params.id, attendance);
      return undefined;
    },
  });
}
