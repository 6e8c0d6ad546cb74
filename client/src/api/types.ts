/**
 * The client's names for the server's projections: aliases of the types generated from openapi.json
 * (`npm run contract`), so a server change that the client does not follow fails its typecheck.
 * Only shapes the server does not describe (client-side state, pickers) are written here.
 */
import type { components } from './openapi'

type S = components['schemas']

export type Role = S['UserSelf']['role']

export type User = S['UserSelf']

export type AuthResult = S['Session']

export type WechatAuthResult = S['WechatSession']

export type RecordStatus = NonNullable<S['PractitionerSelf']>['status']

export type PractitionerRecord = NonNullable<S['PractitionerSelf']>

export type Me = S['Me']

export type Option = S['Reference']['orgTypes'][number]

export type District = S['Reference']['districts'][number]

export type Reference = S['Reference']

export type ProfileInput = S['ProfileInput']

export type ErrorDetail = NonNullable<S['Error']['error']['details']>[number]

/* ---- Course catalog, classes, enrollment (API.md "Course catalog", "Classes", "Enrollment") ---- */

export type CourseCategory = S['Course']['category']
export type DeliveryMode = S['Course']['deliveryMode']

export type OutlineItem = S['Course']['outline'][number]

export type Course = S['Course']

export type CourseList = S['CourseList']

export type ClassStatus = S['Class']['status']
/** The states of an enrollment that still count (hold a seat, a waitlist place or await approval). */
export type ActiveEnrollmentStatus = S['EnrollmentOutcome']['status']
export type EnrollmentStatus = S['MyEnrollments']['items'][number]['status']

export type MyClassEnrollment = S['MyEnrollment']

/** A class (开班) of a course. Dates are YYYY-MM-DD; the *At fields are ISO timestamps. */
export type TrainingClass = S['Class']

export type CourseDetail = S['CourseDetail']

export type ClassSession = S['ClassSession']

export type EnrollmentOutcome = S['EnrollmentOutcome']

export type MyEnrollment = S['MyEnrollments']['items'][number]

/** A change to a class (trainer): only the fields given change; `cancelled` cancels every enrollment. */
export type ClassPatch = S['UpdateClassInput']
/** A change to a session: any of startsAt, endsAt, topic. */
export type SessionPatch = S['UpdateSessionInput']
/** Which classes a list shows: current (running or upcoming), past (往期), or all. */
export type ClassWhen = 'current' | 'past' | 'all'

/** A new class with its sessions (times as ISO 8601 with offset). */
export type NewClassInput = S['CreateClassInput']

/** One person on a class roster, as the training base sees them (phone masked). */
export type RosterEntry = S['RosterEntry']

/** A page of a list endpoint (`?page=&pageSize=`). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

/* ---- Attendance (API.md "Attendance") ---- */

export type AttendanceStatus = NonNullable<S['AttendanceEntry']['status']>

/** What a scanned token or typed code came to. */
export type Checkin = S['Checkin']

/** The rotating check-in token a trainer shows as a QR code, with the 6 digits to type under it. */
export type CheckinToken = S['CheckinToken']

/** One enrolled practitioner on a session's attendance sheet; status null = no record yet. */
export type AttendanceEntry = S['AttendanceEntry']

export type SessionAttendance = S['SessionAttendance']

/* ---- Completion, credits, certificates ---- */

export type CompletionReport = S['CompletionReport']
export type CompletionUndone = S['CompletionUndone']

export type CreditSource = S['CreditRecord']['source']

export type CreditRecord = S['CreditRecord']

/** A practitioner's year against the annual rule, as the server measures it. */
export type CreditSummary = S['CreditSummary']

export type ClaimStatus = S['CreditClaim']['status']

export type CreditClaim = S['CreditClaim']

/** The text fields of a claim; the evidence file goes beside them. Hours as typed: the server checks them. */
export interface CreditClaimInput {
  title: string
  provider: string
  date: string
  hours: string
  category: CourseCategory | ''
}

/**
 * A file picked on the device. weapp: a temp path for Taro.uploadFile. h5: the File itself in
 * `blob` (sent in a FormData; `path` is then just its name).
 */
export interface PickedFile {
  path: string
  name: string
  size?: number
  blob?: Blob
}

export type Certificate = S['CertificateOwn']

/** What anyone with the code sees; holderName is masked (张*三). */
export type CertificateVerification = S['CertificatePublic']

/* ---- Talent office: statistics, talent database, import, claim review ---- */

export type CountBy = S['StatsOverview']['byOrgType'][number]

/** The agencies' figures in the overview (GET /api/stats/overview `agencies`): toward 200 agencies and 5亿元 a year. */
export type OverviewAgencies = S['AgencyFigures']

export type StatsOverview = S['StatsOverview']

/** 区县排行 (city office): one row per district. */
export type DistrictLeagueRow = S['DistrictLeague']['items'][number]

export type DistrictLeague = S['DistrictLeague']

/** A talent record as the office sees it: phone masked, never the full ID number. */
export type TalentRecord = S['PractitionerOffice']

export type TalentDetail = S['TalentDetail']

export interface TalentFilters {
  q?: string
  district?: string
  orgType?: string
  category?: string
  titleLevel?: string
  titleSeries?: string
  education?: string
  tier?: string
  status?: string
}

export type ImportReport = S['TalentImportReport']

/** A claim in the office's review list (with the practitioner's name). */
export type OfficeCreditClaim = S['CreditClaimPage']['items'][number]

/** Who is short of the year's continuing-education rule (verified people only), a page at a time. */
export type ComplianceShortfall = S['ComplianceShortfall']

/** A year's continuing-education rule; isDefault when the office has not set that year. */
export type CreditRule = S['CreditRule']

/** One entry of the audit trail: who did what to which record, with the state before and after. */
export type AuditEntry = S['AuditEntry']

/** The audit browser's filters; each narrows the list (district staff see their district's entries only). */
export interface AuditFilters {
  /** Exact (`talent.verify`), or a prefix ending in a dot (`talent.`): every action of that kind. */
  action?: string
  entity?: string
  entityId?: string
  /** The user id of the staff member who acted. */
  actor?: number
  /** Asia/Shanghai days, YYYY-MM-DD, both inclusive. */
  from?: string
  to?: string
}

/* ---- Accounts: passwords, the admin's account list, personal data (API.md "Accounts") ---- */

export type ChangePasswordInput = S['ChangePasswordInput']

export type PasswordResetRequest = S['PasswordResetRequest']

/** Phone, the 6-digit SMS code and the new password. */
export type PasswordResetConfirm = S['PasswordResetConfirm']

export type AccountStatus = S['UserAdmin']['status']

/** One account as the admin's list shows it (phone masked; `erased` once its holder deleted it). */
export type AccountRow = S['UserAdmin']

export type AccountPage = S['UserAdminPage']

/** A change to an account (admin): only the fields given change. */
export type AccountPatch = S['PatchUserInput']

/** A new staff account (admin); `districtCode` for a district account (区县), which must name one. */
export type StaffAccountInput = S['CreateUserInput']

export interface AccountFilters {
  role?: Role
  status?: AccountStatus
  /** A name or the phone's last 4 digits. */
  q?: string
}

export type TemporaryPassword = S['TemporaryPassword']

export type AccountDeletionInput = S['AccountDeletionInput']

// Service agencies (知识产权服务机构, API.md "Service agencies")

export type ServiceType = S['AgencyOffice']['serviceTypes'][number]

export type AgencyStatus = S['AgencyOffice']['status']

/** An agency as the office (and district staff, for their district) sees it: every field. */
export type Agency = S['AgencyOffice']

export type AgencyPage = S['AgencyOfficePage']

/** A new agency: pending until verified; the server checks the credit code's check character. */
export type AgencyInput = S['AgencyInput']

/** A change to an agency: only the fields given change; `status: 'inactive'` deactivates it. */
export type AgencyPatch = S['PatchAgencyInput']

/** The annual revenue an agency reports: a year and whole yuan. */
export type AnnualRevenue = NonNullable<S['AnnualRevenue']>

/** One of an agency's verified practitioners with their hours in a year and whether they meet its rule. */
export type AgencyPractitioner = S['AgencyMember']

export type AgencyPractitionerPage = S['AgencyMemberPage']

export type AgencyImportReport = S['AgencyImportReport']

export interface AgencyFilters {
  /** A name or credit code, as typed. */
  q?: string
  district?: string
  serviceType?: string
  status?: string
}

// Notifications (消息, API.md "Notifications")

/** One entry of my inbox: what happened, and the app page it is about (link, may carry a query). */
export type InboxEntry = S['Notification']

export type NotificationKind = S['Notification']['kind']

export type InboxPage = S['NotificationPage']

/** A configured WeChat subscribe-message template of one kind, with my consents left for it. */
export type WechatSubscription = S['WechatSubscriptions']['items'][number]

// Continuing-education statements (继续教育学时证明, API.md "Continuing-education statements")

/** What a statement says (the PDF's content, `?format=json`). */
export type CeStatement = S['CeStatement']

/** What anyone with a statement's code sees: what it said when issued, the name masked. */
export type StatementVerification = S['CeStatementPublic']

/** A queued WeChat subscribe message as admins see it (never its openid). */
export type OutboxMessage = S['OutboxMessage']

export type OutboxStatus = S['OutboxMessage']['status']
