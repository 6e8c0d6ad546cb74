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

/** 学历: the highest degree held. */
export const EDUCATIONS = vocabulary([
  ['secondary', '中专及以下'],
  ['associate', '大专'],
  ['bachelor', '本科'],
  ['master', '硕士'],
  ['doctorate', '博士'],
] as const);

/** 职称系列: the series a title belongs to (知识产权师 since 人社部发〔2019〕53号). */
export const TITLE_SERIES = vocabulary([
  ['ip', '知识产权'],
  ['engineering', '工程'],
  ['economics', '经济'],
  ['law', '法律'],
  ['other', '其他'],
] as const);

/** The 知识产权师 series' own names for the four levels. */
const IP_SERIES_TITLES: Partial<Record<string, string>> = { junior: '助理知识产权师', intermediate: '知识产权师', associate_senior: '高级知识产权师', senior: '正高级知识产权师' };

/** What a title is called: 高级知识产权师 in the IP series, 工程·副高级 in another, null without one. */
export function titleName(series: string | null, level: string): string | null {
  if (level === 'none') return null;
  if (series === 'ip') return IP_SERIES_TITLES[level] ?? null;
  const levelLabel = (TITLE_LEVELS.labels as Record<string, string>)[level] ?? level;
  return series ? `${(TITLE_SERIES.labels as Record<string, string>)[series] ?? series}·${levelLabel}` : levelLabel;
}

/** 知识产权服务机构的服务类型 (the strategy's service sectors). */
export const SERVICE_TYPES = vocabulary([
  ['agency', '代理'],
  ['legal', '法律'],
  ['information', '信息'],
  ['commercialization', '商用化'],
  ['consulting', '咨询'],
  ['training', '培训'],
  ['evaluation', '评估'],
] as const);

/** 账号角色: short names, as lists and tags show them (the values are platform/http/auth.ts ROLES). */
export const ROLE_LABELS = vocabulary([
  ['practitioner', '学员'],
  ['trainer', '培训基地'],
  ['office', '市级人才工作'],
  ['district', '区县人才工作'],
  ['admin', '系统管理员'],
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

/* Messages: what happened that someone is told about (消息). */

export const NOTIFICATION_KINDS = vocabulary([
  ['enrollment_placed', '报名已提交'],
  ['waitlist_promoted', '候补转正'],
  ['enrollment_approved', '报名审核通过'],
  ['enrollment_rejected', '报名未通过审核'],
  ['class_changed', '开班信息变更'],
  ['class_cancelled', '开班取消'],
  ['session_reminder', '课次提醒'],
  ['completed', '结业'],
  ['claim_approved', '学时申报通过'],
  ['claim_rejected', '学时申报未通过'],
  ['record_verified', '人才档案已认证'],
  ['record_rejected', '人才档案未通过'],
  ['ce_shortfall', '继续教育学时不足'],
] as const);

export const OUTBOX_STATUSES = vocabulary([
  ['pending', '待发送'],
  ['sent', '已发送'],
  ['given_up', '已放弃'],
] as const);

export const VOCABULARIES = {
  orgTypes: ORG_TYPES,
  categories: CATEGORIES,
  ipFields: IP_FIELDS,
  titleLevels: TITLE_LEVELS,
  tiers: TIERS,
  educations: EDUCATIONS,
  titleSeries: TITLE_SERIES,
  serviceTypes: SERVICE_TYPES,
  roles: ROLE_LABELS,
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
  notificationKinds: NOTIFICATION_KINDS,
  outboxStatuses: OUTBOX_STATUSES,
} as const;

export type OrgType = (typeof ORG_TYPES.values)[number];
export type Category = (typeof CATEGORIES.values)[number];
export type IpField = (typeof IP_FIELDS.values)[number];
export type TitleLevel = (typeof TITLE_LEVELS.values)[number];
export type Tier = (typeof TIERS.values)[number];
export type Education = (typeof EDUCATIONS.values)[number];
export type TitleSeries = (typeof TITLE_SERIES.values)[number];
export type ServiceType = (typeof SERVICE_TYPES.values)[number];
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
export type NotificationKind = (typeof NOTIFICATION_KINDS.values)[number];
export type OutboxStatus = (typeof OUTBOX_STATUSES.values)[number];
