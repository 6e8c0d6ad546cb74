import { z } from '../platform/zod';
import { CATEGORIES, ENROLLMENT_STATUSES as ENROLLMENT_STATUS_VOCABULARY, TITLE_LEVELS } from '../reference/vocabulary';
import { classView } from '../classes/schemas';

export const ENROLLMENT_STATUSES = ENROLLMENT_STATUS_VOCABULARY.values;
export const ENROLLMENT_STATUS_LABELS = ENROLLMENT_STATUS_VOCABULARY.labels;

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
