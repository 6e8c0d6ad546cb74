import { z } from '../platform/zod';
import { ATTENDANCE_STATUSES as ATTENDANCE_VOCABULARY } from '../reference/vocabulary';

export const ATTENDANCE_STATUSES = ATTENDANCE_VOCABULARY.values;

export const sessionIdParams = z.object({ id: z.coerce.number().int().positive() });
export const markParams = z.object({ id: z.coerce.number().int().positive(), practitionerId: z.coerce.number().int().positive() });

export const checkinTokenView = z
  .object({
    token: z.string(),
    expiresAt: z.date(),
    shortCode: z.string().openapi({ description: '6 digits to type where the camera cannot scan; valid as long as the token' }),
  })
  .openapi('CheckinToken');

export const checkinInput = z
  .object({ token: z.string().trim().min(1, '请扫描签到二维码或输入签到码').max(200) })
  .openapi('CheckinInput');

export const checkinView = z
  .object({ sessionId: z.number().int(), status: z.enum(['present', 'late']), checkedInAt: z.date() })
  .openapi('Checkin');

export const markInput = z.object({ status: z.enum(ATTENDANCE_STATUSES) }).openapi('MarkAttendanceInput');

/** What the trainer sees per enrolled practitioner for one session; status null = no record yet. */
export const attendanceEntryView = z
  .object({
    practitionerId: z.number().int(),
    name: z.string(),
    orgName: z.string(),
    status: z.enum(ATTENDANCE_STATUSES).nullable(),
    checkedInAt: z.date().nullable(),
    markedByTrainer: z.boolean(),
  })
  .openapi('AttendanceEntry');
export const attendanceListView = z
  .object({
    session: z.object({ id: z.number().int(), classId: z.number().int(), startsAt: z.date(), endsAt: z.date(), topic: z.string() }),
    items: z.array(attendanceEntryView),
  })
  .openapi('SessionAttendance');
