import { z } from '../platform/zod';
import { pageOf, pageQuery } from '../platform/http/pagination';
import { COURSE_CATEGORIES } from '../catalog/courseFile';
import { ACTIVE_ENROLLMENT_STATUSES, CLASS_STATUSES as CLASS_STATUS_VOCABULARY } from '../reference/vocabulary';
import { classDateProblems, type ClassDates } from './dates';

const calendarDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const timestamp = z.iso.datetime({ offset: true, message: '时间应为带时区的 ISO 8601 格式' }).transform((s) => new Date(s));

export const CLASS_STATUSES = CLASS_STATUS_VOCABULARY.values;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

export const classIdParams = z.object({ id: z.coerce.number().int().positive() });

const classFields = {
  title: z.string().trim().min(2).max(100),
  location: z.string().trim().min(2).max(200),
  startDate: calendarDate,
  endDate: calendarDate,
  capacity: z.number().int().min(1, '名额至少为 1').max(10000),
  enrollOpensAt: timestamp,
  enrollClosesAt: timestamp,
  cancelDeadline: timestamp.nullable().optional(),
  requiresApproval: z.boolean().optional(),
};

/** Cross-field rules of a class (`classDateProblems`), as zod issues. */
function checkClassDates(c: ClassDates, ctx: z.RefinementCtx): void {
  for (const p of classDateProblems(c)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
}

const sessionTopic = z.string().trim().min(1).max(100);

export const sessionInput = z
  .object({ startsAt: timestamp, endsAt: timestamp, topic: sessionTopic })
  .superRefine((s, ctx) => {
    if (s.endsAt <= s.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
  })
  .openapi('SessionInput');
export type SessionInput = z.infer<typeof sessionInput>;

export const sessionIdParams = z.object({ id: z.coerce.number().int().positive() });

/** A change to a session: any of its fields; the merged result is checked like a new session (`sessionDateProblems`). */
export const updateSessionInput = z
  .object({ startsAt: timestamp.optional(), endsAt: timestamp.optional(), topic: sessionTopic.optional() })
  .refine((patch) => Object.keys(patch).length > 0, '没有要修改的内容')
  .superRefine((s, ctx) => {
    if (s.startsAt && s.endsAt && s.endsAt <= s.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
  })
  .openapi('UpdateSessionInput');
export type UpdateSessionInput = z.infer<typeof updateSessionInput>;

export const createClassInput = z
  .object({
    courseCode: z.string().regex(/^[A-Z][A-Z0-9-]{2,31}$/, '课程代码格式不正确'),
    ...classFields,
    /** Sessions scheduled with the class, all or nothing. */
    sessions: z.array(sessionInput).max(100).optional(),
  })
  .superRefine(checkClassDates)
  .openapi('CreateClassInput');
export type CreateClassInput = z.infer<typeof createClassInput>;

export const updateClassInput = z
  .object({
    title: classFields.title.optional(),
    location: classFields.location.optional(),
    startDate: calendarDate.optional(),
    endDate: calendarDate.optional(),
    capacity: classFields.capacity.optional(),
    enrollOpensAt: timestamp.optional(),
    enrollClosesAt: timestamp.optional(),
    cancelDeadline: timestamp.nullable().optional(),
    requiresApproval: z.boolean().optional(),
    status: z.literal('cancelled', { message: '只能把开班状态改为 cancelled（取消）' }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, '没有要修改的内容')
  .openapi('UpdateClassInput');
export type UpdateClassInput = z.infer<typeof updateClassInput>;

/** Which classes a list shows: current (running or upcoming), past (往期; `isPastClass`), or all. */
export const CLASS_WHEN = ['current', 'past', 'all'] as const;

export const classListQuery = z.object({
  courseCode: z.string().max(32).optional(),
  status: z.enum(CLASS_STATUSES).optional(),
  when: z.enum(CLASS_WHEN).default('all'),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  ...pageQuery,
});
export type ClassListQuery = z.infer<typeof classListQuery>;

export const myEnrollmentView = z
  .object({ id: z.number().int(), status: z.enum(ACTIVE_ENROLLMENT_STATUSES), waitlistPosition: z.number().int().optional() })
  .openapi('MyEnrollment');

/** What anyone sees of a class; `myEnrollment` only for a signed-in practitioner. */
export const classView = z
  .object({
    id: z.number().int(),
    courseCode: z.string(),
    courseTitle: z.string(),
    category: z.enum(COURSE_CATEGORIES),
    creditHours: z.number(),
    title: z.string(),
    location: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    capacity: z.number().int(),
    enrollOpensAt: z.date(),
    enrollClosesAt: z.date(),
    cancelDeadline: z.date().nullable(),
    requiresApproval: z.boolean(),
    status: z.enum(CLASS_STATUSES),
    enrolledCount: z.number().int(),
    seatsLeft: z.number().int(),
    waitlistCount: z.number().int(),
    pendingCount: z.number().int(),
    /** When the last session ends; null without sessions. */
    lastSessionEndsAt: z.date().nullable(),
    /** 结业 is possible now (scheduled, and the last session has ended). */
    completable: z.boolean(),
    completedAt: z.date().nullable(),
    /** Until when an admin may undo the completion (结业撤销); null when that is not possible. */
    completionUndoableUntil: z.date().nullable(),
    myEnrollment: myEnrollmentView.nullable().optional(),
  })
  .openapi('Class');
export type ClassView = z.infer<typeof classView>;
export type MyEnrollmentView = z.infer<typeof myEnrollmentView>;
export const classPage = pageOf(classView).openapi('ClassPage');


export const sessionView = z
  .object({ id: z.number().int(), classId: z.number().int(), startsAt: z.date(), endsAt: z.date(), topic: z.string() })
  .openapi('ClassSession');
export type SessionView = z.infer<typeof sessionView>;
export const sessionList = z.object({ items: z.array(sessionView) }).openapi('ClassSessionList');
