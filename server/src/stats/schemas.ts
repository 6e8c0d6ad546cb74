import { agencyFiguresView } from '../agencies/schemas';
import { z } from '../platform/zod';
import { DISTRICT_CODES } from '../reference/districts';

const breakdown = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }));

export const overviewView = z
  .object({
    target: z.object({ count: z.number().int(), year: z.number().int() }),
    practitioners: z.object({ verified: z.number().int(), pending: z.number().int(), rejected: z.number().int(), inactive: z.number().int(), total: z.number().int() }),
    progress: z.number(),
    byDistrict: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
    byOrgType: breakdown,
    byCategory: breakdown,
    byTitleLevel: breakdown,
    byTier: breakdown,
    byEducation: breakdown,
    /** Counted practitioners whose highest degree is in IP or IP law. */
    ipDegree: z.number().int(),
    byTitleSeries: breakdown,
    /** The 知识产权师 series on its own: 助理知识产权师 … 正高级知识产权师. */
    ipSeriesTitles: breakdown,
    /** Whose figures (a district's for district staff) and when (asOf: the end of a past year, null for now). */
    scope: z.object({ district: z.string().nullable(), districtName: z.string().nullable(), year: z.number().int(), asOf: z.date().nullable() }),
    growth: z.array(z.object({ month: z.string(), newVerified: z.number().int(), cumulative: z.number().int() })),
    projection: z.object({ monthlyRate: z.number(), projectedReachDate: z.string().nullable() }),
    training: z.object({ year: z.number().int(), classes: z.number().int(), enrollments: z.number().int(), completions: z.number().int(), hoursAwarded: z.number() }),
    compliance: z.object({ year: z.number().int(), requiredHours: z.number(), minProfessionalHours: z.number(), compliant: z.number().int(), total: z.number().int(), rate: z.number() }),
    /** Service agencies toward 200 and their revenue toward 5 亿元 (a past year: those verified by its end, that year's revenue). */
    agencies: agencyFiguresView,
  })
  .openapi('StatsOverview');

export const overviewQuery = z.object({
  /** A past year: the dashboard as it stood at that year's end. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const districtLeagueView = z
  .object({
    year: z.number().int(),
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        verified: z.number().int(),
        growth12Months: z.number().int(),
        compliant: z.number().int(),
        complianceRate: z.number(),
        /** Verified, active service agencies of the district. */
        agencies: z.number().int(),
      }),
    ),
  })
  .openapi('DistrictLeague');

export const complianceQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  district: z.enum(DISTRICT_CODES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const complianceView = z
  .object({
    year: z.number().int(),
    requiredHours: z.number(),
    minProfessionalHours: z.number(),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(
      z.object({
        practitionerId: z.number().int(),
        name: z.string(),
        district: z.string(),
        districtName: z.string(),
        orgName: z.string(),
        earnedHours: z.number(),
        professionalHours: z.number(),
        missingHours: z.number(),
        missingProfessionalHours: z.number(),
      }),
    ),
    byDistrict: z.array(z.object({ code: z.string(), name: z.string(), verified: z.number().int(), short: z.number().int() })),
  })
  .openapi('ComplianceShortfall');

export const reportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
