import { z } from '../platform/zod';
import { CATEGORIES, TITLE_LEVELS } from '../reference/vocabulary';
import { classView } from '../classes/schemas';

export const ENROLLMENT_STATUSES = ['enrolled', 'waitlisted', 'pending', 'cancelled', 'rejected'] as const;
export const ENROLLMENT_STATUS_LABELS: Record<(typeof ENROLLMENT_STATUSES)[number], string> = {
  enrolled: '已报名',
  waitlisted: '候补',
  pending: '待审核',
  cancelled: '已取消',
  rejected: '未通过',
};

export const enrollmentIdParams = z.object({ id: z.coerce.number().int().positive() });

/** What a practitioner is told when signing up. */
export const enrollmentOutcomeView = z
  .object({
    id: z.number().int(),
    classId: z.number().int(),
    status: z.enum(['enrolled', 'waitlisted', 'pending']),
    waitlistPosition: z.number().int().optional(),
  })
  .openapi('EnrollmentOutcome');

export const cancelledView = z.object({ status: z.literal('cancelled') }).openapi('EnrollmentCancelled');
export const rejectedView = z.object({ id: z.number().int(), status: z.literal('rejected') }).openapi('EnrollmentRejected');
export const rejectInput = z.object({ reason: z.string().trim().max(200).optional() }).openapi('RejectEnrollmentInput');

export const myEnrollmentsView = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        status: z.enum(ENROLLMENT_STATUSES),
        waitlistPosition: z.number().int().optional(),
        createdAt: z.date(),
        class: classView,
      }),
    ),
  })
  .openapi('MyEnrollments');

export const rosterQuery = z.object({
  status: z.enum(ENROLLMENT_STATUSES).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

/** What the training base sees of each person on a class roster (phone masked). */
export const rosterEntryView = z
  .object({
    id: z.number().int(),
    practitionerId: z.number().int(),
    name: z.string(),
    phoneMasked: z.string().nullable(),
    orgName: z.string(),
    district: z.string(),
    districtName: z.string(),
    category: z.enum(CATEGORIES.values),
    titleLevel: z.enum(TITLE_LEVELS.values),
    status: z.enum(ENROLLMENT_STATUSES),
    waitlistPosition: z.number().int().optional(),
    createdAt: z.date(),
  })
  .openapi('RosterEntry');
export const rosterView = z.object({ items: z.array(rosterEntryView) }).openapi('Roster');
