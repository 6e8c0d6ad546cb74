import { pageQuery } from '../platform/http/pagination';
import { z } from '../platform/zod';
import { DISTRICT_CODES } from '../reference/districts';
import { CATEGORIES, RECORD_STATUSES, SERVICE_TYPES, TITLE_LEVELS } from '../reference/vocabulary';
import { examineCreditCode } from './creditCode';
import { queryFlag } from '../platform/http/queryFlag';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number, message: string) => z.preprocess(emptyToUndefined, z.string().trim().max(max, message).nullable().optional());

/** A 统一社会信用代码 as typed: normalised (upper case, no spaces) and its check character verified, or refused. */
export const creditCodeInput = z
  .string({ message: '请填写统一社会信用代码' })
  .transform((raw, ctx) => {
    const result = examineCreditCode(raw);
    if ('problem' in result) {
      ctx.addIssue({ code: 'custom', message: result.problem });
      return z.NEVER;
    }
    return result.code;
  })
  .openapi({ type: 'string', description: '18-character 统一社会信用代码 (GB 32100), check character verified', example: '91500000MA5U7G0F2C' });

export const annualRevenueInput = z
  .object({
    year: z.number({ message: '请填写营收年度' }).int().min(2000, '营收年度应在 2000 年以后').max(2100, '营收年度不正确'),
    amountYuan: z.number({ message: '请填写营业收入（元）' }).int('营业收入以元为单位，填写整数').min(0, '营业收入不能为负').max(1e13, '营业收入过大，请核对（单位为元）'),
  })
  .openapi('AnnualRevenue');

const agencyFields = z.object({
  name: z.string({ message: '请填写机构名称' }).trim().min(1, '请填写机构名称').max(100, '机构名称最多 100 字'),
  creditCode: creditCodeInput,
  serviceTypes: z
    .array(z.enum(SERVICE_TYPES.values, { message: '无法识别的服务类型' }), { message: '请选择服务类型' })
    .min(1, '请至少选择一个服务类型')
    .transform((types) => [...new Set(types)]),
  district: z.enum(DISTRICT_CODES, { message: '请选择重庆市的区县' }),
  address: optionalText(200, '地址最多 200 字'),
  contactName: optionalText(50, '联系人最多 50 字'),
  contactPhone: z.preprocess(emptyToUndefined, z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确').nullable().optional()),
  annualRevenue: annualRevenueInput.nullable().optional(),
});

export const agencyInput = agencyFields.openapi('AgencyInput');
export type AgencyInput = z.infer<typeof agencyInput>;

export const patchAgencyInput = agencyFields
  .partial()
  .extend({ status: z.literal('inactive', { message: '只能把状态改为 inactive（停用）；恢复请使用认证' }).optional() })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '没有要修改的内容')
  .openapi('PatchAgencyInput');
export type PatchAgencyInput = z.infer<typeof patchAgencyInput>;

export const rejectAgencyInput = z.object({ reason: z.string({ message: '请填写不通过的原因' }).trim().min(2, '请填写不通过的原因').max(500) }).openapi('RejectAgencyInput');

export const agencyIdParams = z.object({ id: z.coerce.number().int().positive() });

const agencyFilters = z.object({
  q: z.string().trim().max(50).optional(),
  district: z.enum(DISTRICT_CODES).optional(),
  serviceType: z.enum(SERVICE_TYPES.values).optional(),
  status: z.enum(RECORD_STATUSES.values).optional(),
});
export type AgencyFilters = z.infer<typeof agencyFilters>;
export const agencyListQuery = agencyFilters.extend(pageQuery);
export type AgencyListQuery = z.infer<typeof agencyListQuery>;
export const agencyExportQuery = agencyFilters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const agencyTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const agencyImportQuery = z.object({ dryRun: queryFlag() });
export const agencyMembersQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), ...pageQuery });

/** What anyone sees of an agency: verified agencies only, no contact or revenue. */
export const agencyPublicView = z
  .object({
    name: z.string(),
    creditCode: z.string(),
    serviceTypes: z.array(z.enum(SERVICE_TYPES.values)),
    district: z.string(),
    districtName: z.string(),
    status: z.literal('verified'),
  })
  .openapi('AgencyPublic');
export type AgencyPublicView = z.infer<typeof agencyPublicView>;

/** What the office (and district staff, for their district) sees of an agency: everything. */
export const agencyOfficeView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    creditCode: z.string(),
    serviceTypes: z.array(z.enum(SERVICE_TYPES.values)),
    district: z.string(),
    districtName: z.string(),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    annualRevenue: z.object({ year: z.number().int(), amountYuan: z.number().int() }).nullable(),
    status: z.enum(RECORD_STATUSES.values),
    rejectReason: z.string().nullable(),
    verifiedAt: z.date().nullable(),
    source: z.enum(['self', 'import', 'office']),
    practitionerCount: z.number().int().openapi({ description: 'verified talent records naming this credit code' }),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('AgencyOffice');
export type AgencyOfficeView = z.infer<typeof agencyOfficeView>;

export const agencyOfficePage = z.object({ items: z.array(agencyOfficeView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('AgencyOfficePage');
export const agencyPublicPage = z.object({ items: z.array(agencyPublicView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('AgencyPublicPage');
/** Office and district staff get the office page; anyone else the public one (tried second, so an office answer is never cut down). */
export const agencyPage = z.union([agencyOfficePage, agencyPublicPage]);

/** One practitioner of an agency with their hours in a year and whether they meet that year's rule. */
export const agencyMemberView = z
  .object({
    practitionerId: z.number().int(),
    name: z.string(),
    category: z.enum(CATEGORIES.values),
    titleLevel: z.enum(TITLE_LEVELS.values),
    year: z.number().int(),
    earnedHours: z.number(),
    professionalHours: z.number(),
    compliant: z.boolean(),
  })
  .openapi('AgencyMember');
export type AgencyMemberView = z.infer<typeof agencyMemberView>;
export const agencyMemberPage = z.object({ items: z.array(agencyMemberView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('AgencyMemberPage');

export const agencyFiguresView = z
  .object({
    target: z.object({ count: z.number().int() }),
    verified: z.number().int().openapi({ description: 'verified and active agencies, one credit code once' }),
    byServiceType: z.array(z.object({ value: z.enum(SERVICE_TYPES.values), label: z.string(), count: z.number().int() })),
    byDistrict: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
    revenue: z.object({ year: z.number().int(), totalYuan: z.number().int(), targetYuan: z.number().int() }),
  })
  .openapi('AgencyFigures');
export type AgencyFigures = z.infer<typeof agencyFiguresView>;

export const agencyImportReportView = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })).openapi({ description: 'the first 1,000 errors in row order' }),
    errorCount: z.number().int(),
    dryRun: z.boolean(),
  })
  .openapi('AgencyImportReport');
