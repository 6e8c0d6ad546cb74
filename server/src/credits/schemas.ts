import { z } from '../platform/zod';
import { pageOf, pageQuery } from '../platform/http/pagination';
import { halfHours } from '../catalog/courseFile';
import { CLAIM_STATUSES, COURSE_CATEGORIES, CREDIT_SOURCES } from '../reference/vocabulary';

const category = z.enum(COURSE_CATEGORIES.values);

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const creditsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const creditRuleInput = z
  .object({
    requiredHours: z.number().min(0).max(1000),
    minProfessionalHours: z.number().min(0).max(1000),
  })
  .superRefine((r, ctx) => {
    if (r.minProfessionalHours > r.requiredHours) ctx.addIssue({ code: 'custom', path: ['minProfessionalHours'], message: '专业科目学时不能超过总学时' });
  })
  .openapi('CreditRuleInput');

export const creditRuleView = z
  .object({ year: z.number().int(), requiredHours: z.number(), minProfessionalHours: z.number(), isDefault: z.boolean() })
  .openapi('CreditRule');

export const creditRecordView = z
  .object({
    hours: z.number(),
    category,
    source: z.enum(CREDIT_SOURCES.values),
    title: z.string(),
    date: z.string(),
    certificateCode: z.string().optional(),
    note: z.string().optional(),
  })
  .openapi('CreditRecord');

/** A practitioner's year measured against the annual rule. */
export const creditSummaryView = z
  .object({
    year: z.number().int(),
    requiredHours: z.number(),
    earnedHours: z.number(),
    professionalHours: z.number(),
    publicHours: z.number(),
    minProfessionalHours: z.number(),
    missingHours: z.number(),
    missingProfessionalHours: z.number(),
    compliant: z.boolean(),
    records: z.array(creditRecordView),
  })
  .openapi('CreditSummary');

/** Multipart text fields of a claim (the evidence file comes alongside). */
export const claimInput = z
  .object({
    title: z.string().trim().min(2).max(100),
    provider: z.string().trim().min(2).max(100),
    date: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
    hours: z.coerce.number({ message: '学时须为数字' }).pipe(halfHours),
    category,
  })
  .openapi('CreditClaimInput');
export type ClaimInput = z.infer<typeof claimInput>;

export const claimIdParams = z.object({ id: z.coerce.number().int().positive() });
export const claimListQuery = z.object({ status: z.enum(CLAIM_STATUSES.values).optional(), ...pageQuery });
export const approveClaimInput = z.object({ hours: halfHours.optional() }).openapi('ApproveClaimInput');
export const rejectClaimInput = z.object({ reason: z.string().trim().min(2, '请说明驳回理由').max(200) }).openapi('RejectClaimInput');

export const claimView = z
  .object({
    id: z.number().int(),
    practitionerId: z.number().int(),
    practitionerName: z.string().optional(),
    title: z.string(),
    provider: z.string(),
    date: z.string(),
    hours: z.number(),
    category,
    evidenceType: z.string(),
    status: z.enum(CLAIM_STATUSES.values),
    approvedHours: z.number().nullable(),
    rejectReason: z.string().nullable(),
    decidedAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .openapi('CreditClaim');
export type ClaimView = z.infer<typeof claimView>;
export const claimPage = pageOf(claimView).openapi('CreditClaimPage');
export const myClaimsView = z.object({ items: z.array(claimView) }).openapi('MyCreditClaims');

export const adjustmentInput = z
  .object({
    practitionerId: z.number().int().positive(),
    year: z.number().int().min(2000).max(2100),
    hours: z.number().min(-200).max(200).refine((h) => h !== 0 && Number.isInteger(h * 2), '学时须为非零的 0.5 的整数倍'),
    category,
    reason: z.string().trim().min(2).max(200),
  })
  .openapi('CreditAdjustmentInput');
export type AdjustmentInput = z.infer<typeof adjustmentInput>;
