import { LABELS } from '../src/api/vocabulary'
import type { Course, CourseDetail, Me, MyEnrollment, OfficeCreditClaim, PractitionerRecord, Reference, StatsOverview, TrainingClass } from '../src/api'

function optionsOf(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

export const reference: Reference = {
  districts: [
    { code: '500101', name: '万州区', kind: 'district' },
    { code: '500103', name: '渝中区', kind: 'district' },
    { code: '500229', name: '城口县', kind: 'county' },
    { code: '500240', name: '石柱土家族自治县', kind: 'autonomous_county' },
  ],
  orgTypes: [
    { value: 'enterprise', label: '企业' },
    { value: 'university', label: '高校' },
    { value: 'law_firm', label: '律师事务所' },
  ],
  categories: [
    { value: 'agent', label: '代理' },
    { value: 'lawyer', label: '律师' },
    { value: 'corporate_manager', label: '企业知识产权管理' },
  ],
  ipFields: [
    { value: 'patent', label: '专利' },
    { value: 'trademark', label: '商标' },
    { value: 'copyright', label: '著作权' },
  ],
  titleLevels: [
    { value: 'none', label: '无' },
    { value: 'junior', label: '助理' },
    { value: 'intermediate', label: '中级' },
  ],
  tiers: [{ value: 'none', label: '无' }],
  genders: [
    { value: 'male', label: '男' },
    { value: 'female', label: '女' },
  ],
  recordStatuses: [
    { value: 'pending', label: '待审核' },
    { value: 'verified', label: '已认证' },
    { value: 'rejected', label: '未通过' },
    { value: 'inactive', label: '已停用' },
  ],
  recordSources: optionsOf(LABELS.recordSources),
  courseCategories: optionsOf(LABELS.courseCategories),
  deliveryModes: optionsOf(LABELS.deliveryModes),
  classStatuses: optionsOf(LABELS.classStatuses),
  enrollmentStatuses: optionsOf(LABELS.enrollmentStatuses),
  attendanceStatuses: optionsOf(LABELS.attendanceStatuses),
  creditSources: optionsOf(LABELS.creditSources),
  claimStatuses: optionsOf(LABELS.claimStatuses),
  accountStatuses: optionsOf(LABELS.accountStatuses),
  educations: optionsOf(LABELS.educations),
  titleSeries: optionsOf(LABELS.titleSeries),
  serviceTypes: optionsOf(LABELS.serviceTypes),
  roles: optionsOf(LABELS.roles),
  notificationKinds: optionsOf(LABELS.notificationKinds),
  outboxStatuses: optionsOf(LABELS.outboxStatuses),
}

export const user = { id: 7, phone: '13800001234', name: '张三', role: 'practitioner' as const, wechatBound: false, mustChangePassword: false, districtCode: null }

export function record(overrides: Partial<PractitionerRecord> = {}): PractitionerRecord {
  return {
    id: 42,
    name: '张三',
    idNumberMasked: '500***********123X',
    gender: 'male',
    birthDate: '1985-06-01',
    district: '500103',
    districtName: '渝中区',
    orgName: '重庆某某专利代理事务所',
    orgType: 'law_firm',
    category: 'agent',
    ipFields: ['patent'],
    titleLevel: 'junior',
    titleSeries: 'ip',
    titleName: '助理知识产权师',
    education: 'bachelor',
    ipDegree: false,
    agencyCreditCode: null,
    qualifications: ['专利代理师资格证'],
    email: null,
    tier: 'none',
    status: 'verified',
    rejectReason: null,
    verifiedAt: '2025-03-01T10:00:00+08:00',
    createdAt: '2025-02-20T09:00:00+08:00',
    updatedAt: '2025-03-01T10:00:00+08:00',
    ...overrides,
  }
}

export function me(practitioner: PractitionerRecord | null = null): Me {
  return { user, practitioner }
}

/** A Taro.request answer. */
export function ok(data: unknown, statusCode = 200) {
  return { statusCode, data, header: {}, errMsg: 'request:ok' }
}

export function fail(statusCode: number, code: string, message: string, details?: { path: string; message: string }[]) {
  return { statusCode, data: { error: { code, message, ...(details ? { details } : {}) } }, header: {}, errMsg: 'request:ok' }
}

type Route = (data: unknown) => unknown
/**
 * Scripts Taro.request by "METHOD /path". A route can be a value or a function of the body;
 * a function that throws makes the request reject (no HTTP answer).
 */
export function routes(table: Record<string, unknown | Route>) {
  return async (opts: { url: string; method?: string; data?: unknown }) => {
    const key = `${opts.method ?? 'GET'} ${opts.url}`
    if (!(key in table)) throw new Error(`unexpected request ${key}`)
    const r = table[key]
    return typeof r === 'function' ? (r as Route)(opts.data) : r
  }
}

/* ---- catalog, classes, enrollment ---- */

export function course(overrides: Partial<Course> = {}): Course {
  return {
    code: 'CQIP-PAT-101',
    title: '专利申请文件撰写与审查意见答复实务',
    summary: '从技术交底书中提炼发明构思，撰写权利要求书和说明书。',
    category: 'professional',
    creditHours: 32,
    deliveryMode: 'offline',
    topics: ['权利要求书撰写', '审查意见答复'],
    audience: ['agent', 'lawyer'],
    outline: [
      { title: '专利授权实质条件', hours: 4, description: '新颖性、创造性、实用性' },
      { title: '权利要求书撰写', hours: 6 },
    ],
    status: 'active',
    ...overrides,
  }
}

export function klass(overrides: Partial<TrainingClass> = {}): TrainingClass {
  return {
    id: 11,
    courseCode: 'CQIP-PAT-101',
    courseTitle: '专利申请文件撰写与审查意见答复实务',
    category: 'professional',
    creditHours: 32,
    title: '2025 年第一期专利撰写实务班',
    location: '重庆市渝北区知识产权培训基地 301 教室',
    startDate: '2025-03-20',
    endDate: '2025-03-22',
    capacity: 40,
    enrollOpensAt: '2025-03-01T01:00:00.000Z',
    enrollClosesAt: '2025-03-18T10:00:00.000Z',
    cancelDeadline: '2025-03-19T10:00:00.000Z',
    requiresApproval: false,
    status: 'open',
    enrolledCount: 37,
    seatsLeft: 3,
    waitlistCount: 0,
    pendingCount: 0,
    lastSessionEndsAt: '2026-03-29T12:00:00.000Z',
    completable: false,
    completedAt: null,
    completionUndoableUntil: null,
    myEnrollment: null,
    ...overrides,
  }
}

export function courseDetail(classes: TrainingClass[] = [klass()], overrides: Partial<Course> = {}): CourseDetail {
  return { ...course(overrides), upcomingClasses: classes }
}

export function myEnrollment(overrides: Partial<MyEnrollment> = {}): MyEnrollment {
  return { id: 501, status: 'enrolled', createdAt: '2025-03-02T02:00:00.000Z', class: klass(), ...overrides }
}

/* ---- credits ---- */

export function creditClaim(overrides: Partial<OfficeCreditClaim> = {}): OfficeCreditClaim {
  return {
    id: 1,
    practitionerId: 42,
    title: '专利代理实务研修班',
    provider: '重庆市知识产权局',
    date: '2025-03-01',
    hours: 8,
    category: 'professional',
    evidenceType: 'application/pdf',
    status: 'pending',
    approvedHours: null,
    rejectReason: null,
    decidedAt: null,
    createdAt: '2025-03-02T02:00:00.000Z',
    ...overrides,
  }
}

/** A city dashboard's figures (GET /api/stats/overview), agencies included. */
export function statsOverview(overrides: Partial<StatsOverview> = {}): StatsOverview {
  return {
    target: { count: 10000, year: 2027 },
    practitioners: { verified: 2345, pending: 120, rejected: 8, inactive: 3, total: 2476 },
    progress: 0.2345,
    byEducation: [{ value: 'bachelor', label: '本科', count: 1200 }],
    ipDegree: 80,
    byTitleSeries: [{ value: 'ip', label: '知识产权', count: 300 }],
    ipSeriesTitles: [{ value: 'intermediate', label: '知识产权师', count: 120 }],
    scope: { district: null, districtName: null, year: 2026, asOf: null },
    byDistrict: [
      { code: '500101', name: '万州区', count: 12 },
      { code: '500103', name: '渝中区', count: 640 },
    ],
    byOrgType: [{ value: 'enterprise', label: '企业', count: 1500 }],
    byCategory: [{ value: 'agent', label: '代理', count: 900 }],
    byTitleLevel: [{ value: 'intermediate', label: '中级', count: 700 }],
    byTier: [{ value: 'leading', label: '国家知识产权领军人才', count: 5 }],
    growth: [
      { month: '2025-01', newVerified: 90, cumulative: 2255 },
      { month: '2025-02', newVerified: 90, cumulative: 2345 },
    ],
    projection: { monthlyRate: 90, projectedReachDate: '2032-03-01' },
    training: { year: 2025, classes: 14, enrollments: 800, completions: 600, hoursAwarded: 19200 },
    compliance: { year: 2025, requiredHours: 90, minProfessionalHours: 60, compliant: 1200, total: 2345, rate: 0.5117 },
    agencies: {
      target: { count: 200 },
      verified: 57,
      byServiceType: [{ value: 'agency', label: '代理', count: 40 }],
      byDistrict: [{ code: '500103', name: '渝中区', count: 31 }],
      revenue: { year: 2025, totalYuan: 123456789, targetYuan: 500000000 },
    },
    ...overrides,
  }
}
