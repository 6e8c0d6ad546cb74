import { z } from '../platform/zod';
import { DISTRICT_CODES } from '../reference/districts';
import { COURSE_CATEGORIES, CREDIT_SOURCES } from '../reference/vocabulary';
import { talentListQuery } from '../talent/schemas';

/** A statement's year: from 2000; the service also refuses years after next year (it knows the clock). */
const year = z.coerce.number({ message: '年度须为数字' }).int('年度须为整数').min(2000, '年度不能早于 2000 年').max(2100, '年度不正确');

export const statementYearParams = z.object({ year });
export const talentStatementParams = z.object({ id: z.coerce.number().int().positive(), year });
export const statementCodeParams = z.object({ code: z.string().trim().toUpperCase().max(32) });
/** The PDF unless `format=json`, which answers the same content as JSON. */
export const statementFormatQuery = z.object({ format: z.enum(['pdf', 'json']).default('pdf') });
/**
 * The year, and whom: `district` (district staff: their own, another → 404; the office: one, or the
 * whole city) narrowed by the talent search's filters; always verified records.
 */
export const statementExportQuery = talentListQuery
  .omit({ page: true, pageSize: true, status: true })
  .extend({ year, district: z.enum(DISTRICT_CODES, { message: '请选择重庆市的区县' }).optional() });

export const statementRecordView = z
  .object({
    date: z.string(),
    /** The course, or the claim (title and provider), or 学时调整. */
    title: z.string(),
    category: z.enum(COURSE_CATEGORIES.values),
    source: z.enum(CREDIT_SOURCES.values),
    hours: z.number(),
    certificateCode: z.string().optional(),
  })
  .openapi('CeStatementRecord');

export const statementRuleView = z
  .object({ requiredHours: z.number(), minProfessionalHours: z.number(), isDefault: z.boolean().openapi({ description: 'no rule was set for the year: the default applies' }) })
  .openapi('CeStatementRule');

/** 继续教育学时证明: the content of the PDF. */
export const statementView = z
  .object({
    code: z.string(),
    /** What the QR code opens. */
    verifyUrl: z.string(),
    year: z.number().int(),
    holderName: z.string(),
    idNumberMasked: z.string().nullable(),
    orgName: z.string(),
    districtName: z.string(),
    /** Every credit record of the year, oldest first; empty when there is none. */
    records: z.array(statementRecordView),
    totalHours: z.number(),
    professionalHours: z.number(),
    publicHours: z.number(),
    /** The year's rule; null when the year has none. */
    rule: statementRuleView.nullable(),
    missingHours: z.number().nullable(),
    missingProfessionalHours: z.number().nullable(),
    /** Against the rule; false when there is no rule. */
    compliant: z.boolean(),
    issuedAt: z.date(),
  })
  .openapi('CeStatement');
export type StatementView = z.infer<typeof statementView>;

/** What anyone holding the code sees: what the statement said when issued, the name masked. */
export const statementPublicView = z
  .object({
    valid: z.boolean(),
    code: z.string(),
    holderName: z.string().openapi({ example: '张*三' }),
    year: z.number().int(),
    totalHours: z.number(),
    professionalHours: z.number(),
    requiredHours: z.number().nullable(),
    minProfessionalHours: z.number().nullable(),
    compliant: z.boolean(),
    /** A later statement of the same person and year says something else (the hours changed since). */
    superseded: z.boolean(),
    issuedAt: z.date(),
  })
  .openapi('CeStatementPublic');
