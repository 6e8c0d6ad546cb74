/**
 * The fixed vocabularies of the talent record, each value with its Chinese label. The API speaks the
 * values; people see the labels (served by GET /api/reference; imports accept either).
 */
function vocabulary<const V extends string>(entries: readonly (readonly [V, string])[]) {
  const values = entries.map(([value]) => value) as unknown as readonly [V, ...V[]];
  const labels = Object.fromEntries(entries) as Record<V, string>;
  return { values, labels, options: entries.map(([value, label]) => ({ value, label })) };
}

export const ORG_TYPES = vocabulary([
  ['enterprise', '企业'],
  ['university', '高等院校'],
  ['research_institute', '科研院所'],
  ['service_agency', '知识产权服务机构'],
  ['law_firm', '律师事务所'],
  ['government', '党政机关及事业单位'],
  ['other', '其他'],
] as const);

export const CATEGORIES = vocabulary([
  ['agent', '知识产权代理'],
  ['lawyer', '知识产权律师'],
  ['consultant', '知识产权咨询'],
  ['evaluator', '知识产权评估'],
  ['insurance', '知识产权保险'],
  ['analyst', '知识产权信息分析'],
  ['corporate_manager', '企业知识产权管理'],
  ['administrator', '知识产权行政管理'],
  ['educator', '知识产权教学科研'],
  ['other', '其他'],
] as const);

export const IP_FIELDS = vocabulary([
  ['patent', '专利'],
  ['trademark', '商标'],
  ['copyright', '版权'],
  ['plant_variety', '植物新品种'],
  ['geographical_indication', '地理标志'],
  ['trade_secret', '商业秘密'],
  ['ic_layout', '集成电路布图设计'],
] as const);

export const TITLE_LEVELS = vocabulary([
  ['none', '无职称'],
  ['junior', '助理级'],
  ['intermediate', '中级'],
  ['associate_senior', '副高级'],
  ['senior', '正高级'],
] as const);

export const TIERS = vocabulary([
  ['none', '无'],
  ['leading', '国家知识产权领军人才'],
  ['high_level', '知识产权高层次人才'],
  ['senior_engineer', '专利管理中高级工程师'],
] as const);

export const GENDERS = vocabulary([
  ['male', '男'],
  ['female', '女'],
] as const);

export const RECORD_STATUSES = vocabulary([
  ['pending', '待审核'],
  ['verified', '已认证'],
  ['rejected', '未通过'],
  ['inactive', '已停用'],
] as const);

/** Where a talent record came from. */
export const RECORD_SOURCES = vocabulary([
  ['self', '本人填报'],
  ['import', '批量导入'],
] as const);

/* The training vocabularies: courses, classes, enrollment, attendance, credits. */

export const COURSE_CATEGORIES = vocabulary([
  ['professional', '专业科目'],
  ['public', '公需科目'],
] as const);

export const DELIVERY_MODES = vocabulary([
  ['offline', '线下'],
  ['online', '线上'],
  ['blended', '线上线下结合'],
] as const);

export const CLASS_STATUSES = vocabulary([
  ['open', '报名中'],
  ['closed', '未开放或已截止'],
  ['completed', '已结业'],
  ['cancelled', '已取消'],
] as const);

export const ENROLLMENT_STATUSES = vocabulary([
  ['enrolled', '已报名'],
  ['waitlisted', '候补'],
  ['pending', '待审核'],
  ['cancelled', '已取消'],
  ['rejected', '未通过'],
] as const);

/** The enrollment statuses that hold (or queue for) a seat: at most one such per person and class. */
export const ACTIVE_ENROLLMENT_STATUSES = ['enrolled', 'waitlisted', 'pending'] as const satisfies readonly (typeof ENROLLMENT_STATUSES.values)[number][];

export const ATTENDANCE_STATUSES = vocabulary([
  ['present', '出勤'],
  ['late', '迟到'],
  ['absent', '缺勤'],
  ['excused', '请假'],
] as const);

export const CREDIT_SOURCES = vocabulary([
  ['class', '培训'],
  ['external', '外部认定'],
  ['adjustment', '调整'],
] as const);

export const CLAIM_STATUSES = vocabulary([
  ['pending', '待审核'],
  ['approved', '已认定'],
  ['rejected', '未通过'],
] as const);

/** Every vocabulary by the name /api/reference and the client's generated labels use. */
export const ACCOUNT_STATUSES = vocabulary([
  ['active', '正常'],
  ['disabled', '已停用'],
] as const);

export const VOCABULARIES = {
  orgTypes: ORG_TYPES,
  categories: CATEGORIES,
  ipFields: IP_FIELDS,
  titleLevels: TITLE_LEVELS,
  tiers: TIERS,
  genders: GENDERS,
  recordStatuses: RECORD_STATUSES,
  recordSources: RECORD_SOURCES,
  courseCategories: COURSE_CATEGORIES,
  deliveryModes: DELIVERY_MODES,
  classStatuses: CLASS_STATUSES,
  enrollmentStatuses: ENROLLMENT_STATUSES,
  attendanceStatuses: ATTENDANCE_STATUSES,
  creditSources: CREDIT_SOURCES,
  claimStatuses: CLAIM_STATUSES,
  accountStatuses: ACCOUNT_STATUSES,
} as const;

export type OrgType = (typeof ORG_TYPES.values)[number];
export type Category = (typeof CATEGORIES.values)[number];
export type IpField = (typeof IP_FIELDS.values)[number];
export type TitleLevel = (typeof TITLE_LEVELS.values)[number];
export type Tier = (typeof TIERS.values)[number];
export type Gender = (typeof GENDERS.values)[number];
export type RecordStatus = (typeof RECORD_STATUSES.values)[number];
export type CourseCategory = (typeof COURSE_CATEGORIES.values)[number];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES.values)[number];
export type RecordSource = (typeof RECORD_SOURCES.values)[number];
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES.values)[number];
export type CreditSource = (typeof CREDIT_SOURCES.values)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES.values)[number];
export type DeliveryMode = (typeof DELIVERY_MODES.values)[number];
export type AccountStatus = (typeof ACCOUNT_STATUSES.values)[number];
