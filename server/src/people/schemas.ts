import { deletionInput, userSelfView } from '../accounts/schemas';
import { certificateOwnView } from '../certificates/schemas';
import { claimView, creditRecordView, creditSummaryView } from '../credits/schemas';
import { myEnrollmentsView } from '../enrollment/schemas';
import { z } from '../platform/zod';
import { ACCOUNT_STATUSES, ATTENDANCE_STATUSES } from '../reference/vocabulary';
import { practitionerOfficeView, practitionerSelfView } from '../talent/schemas';

/** What the office sees on one practitioner's page: the record, this year's hours, the enrollments. */
export const talentDetail = practitionerOfficeView.extend({ credits: creditSummaryView, enrollments: myEnrollmentsView.shape.items }).openapi('TalentDetail');

/** PIPL 个人信息副本: everything held about the caller, each part in its module's own projection. */
export const dataExportView = z
  .object({
    exportedAt: z.date(),
    account: userSelfView.extend({ status: z.enum(ACCOUNT_STATUSES.values), createdAt: z.date() }),
    practitioner: practitionerSelfView.nullable(),
    enrollments: myEnrollmentsView.shape.items,
    attendance: z.array(z.object({ sessionId: z.number().int(), status: z.enum(ATTENDANCE_STATUSES.values), checkedInAt: z.date().nullable(), markedByTrainer: z.boolean() })),
    creditRecords: z.array(creditRecordView.extend({ year: z.number().int() })),
    claims: z.array(claimView),
    certificates: z.array(certificateOwnView),
  })
  .openapi('PersonalDataExport');

export { deletionInput };
