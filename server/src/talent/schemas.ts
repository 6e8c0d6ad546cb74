import { userSelfView } from '../accounts/schemas';
import { z } from '../platform/zod';
import { DISTRICT_CODES } from '../reference/districts';
import { CATEGORIES, EDUCATIONS, GENDERS, IP_FIELDS, ORG_TYPES, RECORD_SOURCES, RECORD_STATUSES, TIERS, TITLE_LEVELS, TITLE_SERIES } from '../reference/vocabulary';
import { creditCodeInput } from '../agencies/schemas';
import { examineIdNumber, ID_NUMBER_MESSAGES, type IdNumberFacts } from './idNumber';
import { queryFlag } from '../platform/http/queryFlag';

/** An ID number as typed; parsed into its facts (normalised number, birth date, gender) or refused. */
export const idNumberInput = z
  .string()
  .transform((raw, ctx): IdNumberFacts => {
    const facts = examineIdNumber(raw);
    if (typeof facts === 'string') {
      ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[facts] });
      return z.NEVER;
    }
    return facts;
  })
  .openapi({ type: 'string', description: '18-character resident ID number (GB 11643), check digit verified', example: '11010519491231002X' });

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const profileInput = z
  .object({
    name: z.string().trim().min(1, '请填写姓名').max(50),
    idNumber: idNumberInput,
    gender: z.enum(GENDERS.values).optional(),
    district: z.enum(DISTRICT_CODES, { message: '请选择重庆市的区县' }),
    orgName: z.string().trim().min(1, '请填写工作单位').max(100),
    orgType: z.enum(ORG_TYPES.values),
    category: z.enum(CATEGORIES.values),
    ipFields: z
      .array(z.enum(IP_FIELDS.values))
      .min(1, '请至少选择一个业务领域')
      .transform((fields) => [...new Set(fields)]),
    titleLevel: z.enum(TITLE_LEVELS.values),
    /** The series of the title (知识产权师 or another); records from before it was asked have none. */
    titleSeries: z.enum(TITLE_SERIES.values, { message: '请选择职称系列' }).nullable().optional(),
    education: z.enum(EDUCATIONS.values, { message: '请选择学历' }).nullable().optional(),
    ipDegree: z.boolean().default(false),
    /** 统一社会信用代码 of the service agency the person works for: links the record to the agency. */
    agencyCreditCode: z.preprocess(emptyToUndefined, creditCodeInput.nullable().optional()),
    qualifications: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    email: z.preprocess(emptyToUndefined, z.string().trim().email('邮箱格式不正确').max(254).optional().nullable()),
  })
  .superRefine((input, ctx) => {
    if (input.gender && input.gender !== input.idNumber.gender) {
      ctx.addIssue({ code: 'custom', path: ['gender'], message: '性别与身份证号码不符' });
    }
  })
  .openapi('ProfileInput');
export type ProfileInput = z.infer<typeof profileInput>;

/** What a practitioner sees of their own talent record. */
export const practitionerSelfView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    idNumberMasked: z.string().openapi({ example: '500***********123X' }),
    gender: z.enum(GENDERS.values),
    birthDate: z.string(),
    district: z.string(),
    districtName: z.string(),
    orgName: z.string(),
    orgType: z.enum(ORG_TYPES.values),
    category: z.enum(CATEGORIES.values),
    ipFields: z.array(z.enum(IP_FIELDS.values)),
    titleLevel: z.enum(TITLE_LEVELS.values),
    titleSeries: z.enum(TITLE_SERIES.values).nullable(),
    /** 高级知识产权师, 工程·中级, …: the series and level together; null without a title. */
    titleName: z.string().nullable(),
    education: z.enum(EDUCATIONS.values).nullable(),
    ipDegree: z.boolean(),
    agencyCreditCode: z.string().nullable(),
    qualifications: z.array(z.string()),
    email: z.string().nullable(),
    tier: z.enum(TIERS.values),
    status: z.enum(RECORD_STATUSES.values),
    rejectReason: z.string().nullable(),
    verifiedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('PractitionerSelf');
export type PractitionerSelfView = z.infer<typeof practitionerSelfView>;

export const talentListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  district: z.enum(DISTRICT_CODES).optional(),
  orgType: z.enum(ORG_TYPES.values).optional(),
  category: z.enum(CATEGORIES.values).optional(),
  titleLevel: z.enum(TITLE_LEVELS.values).optional(),
  titleSeries: z.enum(TITLE_SERIES.values).optional(),
  education: z.enum(EDUCATIONS.values).optional(),
  ipDegree: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  agencyCreditCode: z.string().trim().toUpperCase().length(18, '统一社会信用代码为 18 位').optional(),
  tier: z.enum(TIERS.values).optional(),
  status: z.enum(RECORD_STATUSES.values).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TalentListQuery = z.infer<typeof talentListQuery>;

export const talentIdParams = z.object({ id: z.coerce.number().int().positive() });
export const rejectTalentInput = z.object({ reason: z.string().trim().min(2, '请填写不通过的原因').max(500) }).openapi('RejectTalentInput');
export const patchTalentInput = z
  .object({ tier: z.enum(TIERS.values).optional(), status: z.literal('inactive', { message: '只能把状态改为 inactive（停用）；恢复请使用认证' }).optional() })
  .refine((p) => p.tier !== undefined || p.status !== undefined, '没有要修改的内容')
  .openapi('PatchTalentInput');
export type PatchTalentInput = z.infer<typeof patchTalentInput>;

/** What the talent office sees of a record: everything but the ID number itself; phone masked. */
export const practitionerOfficeView = practitionerSelfView
  .extend({
    source: z.enum(RECORD_SOURCES.values),
    claimed: z.boolean().openapi({ description: 'an account holds this record' }),
    phoneMasked: z.string().nullable(),
  })
  .openapi('PractitionerOffice');
export type PractitionerOfficeView = z.infer<typeof practitionerOfficeView>;

const talentFilters = talentListQuery.omit({ page: true, pageSize: true });
export const talentExportQuery = talentFilters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const importQuery = z.object({ dryRun: queryFlag() });
export const importReportView = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z
      .array(z.object({ row: z.number().int(), column: z.string(), message: z.string() }))
      .openapi({ description: 'the first 1,000 errors in row order (a file of bad rows could otherwise have 100,000)' }),
    errorCount: z.number().int().openapi({ description: 'all errors; more than errors.length when the list was cut' }),
    dryRun: z.boolean(),
  })
  .openapi('TalentImportReport');
export const templateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** `GET /api/me`: the signed-in account and its talent record (talent composes the account's own view). */
export const meView = z.object({ user: userSelfView, practitioner: practitionerSelfView.nullable() }).openapi('Me');
