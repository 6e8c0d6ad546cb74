import type { Routes } from '../platform/http/route';
import { reply } from '../platform/http/route';
import { attendanceEntryView, attendanceListView, checkinInput, checkinTokenView, checkinView, markInput, markParams, sessionIdParams } from './schemas';
import type { AttendanceService } from './service';

export function registerAttendanceRoutes(routes: Routes, attendance: AttendanceService): void {
  routes.define({
    method: 'post',
    path: '/api/sessions/:id/checkin-token',
    summary: 'A signed check-in token for the rotating QR code (valid CHECKIN_TOKEN_TTL_SECONDS), with a 6-digit code to type',
    tag: 'attendance',
    access: ['trainer'],
    params: sessionIdParams,
    response: checkinTokenView,
    errors: [404, 409],
    handler: ({ params }) => attendance.issueToken(params.id),
  });

  routes.define({
    method: 'post',
    path: '/api/checkins',
    summary: 'Check in with a scanned token or a typed code: present, or late after 15 minutes; again → 200 with the same record; 10 wrong codes in 10 minutes → 429',
    tag: 'attendance',
    access: ['practitioner'],
    body: checkinInput,
    status: 201,
    response: checkinView,
    otherSuccess: { 200: 'Checked in already: the same record' },
    errors: [403, 429],
    handler: async ({ user, body }) => {
      const { result, created } = await attendance.checkIn(user.id, body.token);
      return reply(created ? 201 : 200, result);
    },
  });

  routes.define({
    method: 'put',
    path: '/api/sessions/:id/attendance/:practitionerId',
    summary: "Set a practitioner's attendance for a session (trainer override, audited)",
    tag: 'attendance',
    access: ['trainer'],
    params: markParams,
    body: markInput,
    response: attendanceEntryView,
    errors: [404, 409],
    handler: ({ user, params, body }) => attendance.mark(user.id, params.id, params.practitionerId, body.status),
  });

  routes.define({
    method: 'get',
    path: '/api/sessions/:id/attendance',
    summary: 'Attendance of every enrolled practitioner for a session',
    tag: 'attendance',
    access: ['trainer'],
    params: sessionIdParams,
    response: attendanceListView,
    errors: [404],
    handler: async ({ params }) => {
      const { session, items } = await attendance.list(params.id);
      return { session: { id: session.id, classId: session.classId, startsAt: session.startsAt, endsAt: session.endsAt, topic: session.topic }, items };
    },
  });
}
