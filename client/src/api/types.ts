/** Shapes from /work/shared/API.md (Accounts, Practitioner profile). */

export type Role = 'practitioner' | 'trainer' | 'office' | 'admin'

export interface User {
  id: number | string
  phone: string | null
  name: string
  role: Role
}

export interface AuthResult {
  token: string
  user: User
}

export interface WechatAuthResult extends AuthResult {
  isNew: boolean
}

export type RecordStatus = 'pending' | 'verified' | 'rejected' | 'inactive'

export interface PractitionerRecord {
  id: number | string
  name: string
  idNumberMasked: string
  gender: 'male' | 'female' | null
  district: string
  orgName: string
  orgType: string
  category: string
  ipFields: string[]
  titleLevel: string
  qualifications: string[]
  email: string | null
  tier: string
  status: RecordStatus
  rejectReason: string | null
  verifiedAt: string | null
  updatedAt: string
}

export interface Me {
  user: User
  practitioner: PractitionerRecord | null
}

export interface Option {
  value: string
  label: string
}

export interface District {
  code: string
  name: string
  kind: 'district' | 'county' | 'autonomous_county'
}

export interface Reference {
  districts: District[]
  orgTypes: Option[]
  categories: Option[]
  ipFields: Option[]
  titleLevels: Option[]
  tiers: Option[]
  genders: Option[]
  recordStatuses: Option[]
}

export interface ProfileInput {
  name: string
  idNumber: string
  gender?: 'male' | 'female'
  district: string
  orgName: string
  orgType: string
  category: string
  ipFields: string[]
  titleLevel: string
  qualifications?: string[]
  email?: string
}

export interface ErrorDetail {
  path: string
  message: string
}

/* ---- Course catalog, classes, enrollment (API.md "Course catalog", "Classes", "Enrollment") ---- */

export type CourseCategory = 'professional' | 'public'
export type DeliveryMode = 'offline' | 'online' | 'blended'

export interface OutlineItem {
  title: string
  hours: number
  description?: string
}

export interface Course {
  code: string
  title: string
  summary: string
  category: CourseCategory
  creditHours: number
  deliveryMode: DeliveryMode
  topics: string[]
  /** Practitioner category values; labels in Reference.categories. */
  audience: string[]
  outline: OutlineItem[]
  status: 'active' | 'archived'
}

export interface CourseList {
  items: Course[]
  total: number
}

export type ClassStatus = 'open' | 'closed' | 'completed' | 'cancelled'
/** The states of an enrollment that still count (hold a seat, a waitlist place or await approval). */
export type ActiveEnrollmentStatus = 'enrolled' | 'waitlisted' | 'pending'
export type EnrollmentStatus = ActiveEnrollmentStatus | 'cancelled' | 'rejected'

export interface MyClassEnrollment {
  id: number
  status: ActiveEnrollmentStatus
  waitlistPosition?: number
}

/** A class (开班) of a course. Dates are YYYY-MM-DD; the *At fields are ISO timestamps. */
export interface TrainingClass {
  id: number
  courseCode: string
  courseTitle: string
  category: CourseCategory
  creditHours: number
  title: string
  location: string
  startDate: string
  endDate: string
  capacity: number
  enrollOpensAt: string
  enrollClosesAt: string
  cancelDeadline: string | null
  requiresApproval: boolean
  status: ClassStatus
  enrolledCount: number
  seatsLeft: number
  waitlistCount: number
  pendingCount: number
  /** Present for a signed-in practitioner: null when not signed up. */
  myEnrollment?: MyClassEnrollment | null
}

export interface CourseDetail extends Course {
  upcomingClasses: TrainingClass[]
}

export interface ClassSession {
  id: number
  classId: number
  startsAt: string
  endsAt: string
  topic: string
}

export interface EnrollmentOutcome {
  id: number
  classId: number
  status: ActiveEnrollmentStatus
  waitlistPosition?: number
}

export interface MyEnrollment {
  id: number
  status: EnrollmentStatus
  waitlistPosition?: number
  createdAt: string
  class: TrainingClass
}

/** A change to a class (trainer): only the fields given change; `cancelled` cancels every enrollment. */
export type ClassPatch = Partial<Pick<TrainingClass, 'title' | 'location' | 'startDate' | 'endDate' | 'capacity' | 'enrollClosesAt' | 'requiresApproval'>> & {
  status?: 'cancelled'
}

/** A new class with its sessions (times as ISO 8601 with offset). */
export type NewClassInput = Pick<
  TrainingClass,
  'courseCode' | 'title' | 'location' | 'startDate' | 'endDate' | 'capacity' | 'enrollOpensAt' | 'enrollClosesAt' | 'requiresApproval'
> & { sessions: { startsAt: string; endsAt: string; topic: string }[] }

/** One person on a class roster, as the training base sees them (phone masked). */
export interface RosterEntry {
  id: number
  practitionerId: number
  name: string
  phoneMasked: string | null
  orgName: string
  district: string
  districtName: string
  category: string
  titleLevel: string
  status: EnrollmentStatus
  waitlistPosition?: number
  createdAt: string
}

/** A page of a list endpoint (`?page=&pageSize=`). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

/* ---- Attendance (API.md "Attendance") ---- */

export type AttendanceStatus = 'present' | 'late' | 'absent' | 'excused'

/** What a scanned token or typed code came to. */
export interface Checkin {
  sessionId: number
  status: 'present' | 'late'
  checkedInAt: string
}

/** The rotating check-in token a trainer shows as a QR code, with the 6 digits to type under it. */
export interface CheckinToken {
  token: string
  expiresAt: string
  shortCode: string
}

/** One enrolled practitioner on a session's attendance sheet; status null = no record yet. */
export interface AttendanceEntry {
  practitionerId: number
  name: string
  orgName: string
  status: AttendanceStatus | null
  checkedInAt: string | null
  markedByTrainer: boolean
}

export interface SessionAttendance {
  session: ClassSession
  items: AttendanceEntry[]
}

/* ---- Completion, credits, certificates ---- */

export interface CompletionReport {
  completed: number
  failed: number
  certificates: { code: string; practitionerId: number; holderName: string }[]
  outcomes?: { practitionerId: number; outcome: 'completed' | 'failed' }[]
}

export type CreditSource = 'class' | 'external' | 'adjustment'

export interface CreditRecord {
  hours: number
  category: CourseCategory
  source: CreditSource
  title: string
  /** YYYY-MM-DD */
  date: string
  certificateCode?: string
  note?: string
}

/** A practitioner's year against the annual rule, as the server measures it. */
export interface CreditSummary {
  year: number
  requiredHours: number
  earnedHours: number
  professionalHours: number
  publicHours: number
  minProfessionalHours: number
  missingHours: number
  missingProfessionalHours: number
  compliant: boolean
  records: CreditRecord[]
}

export type ClaimStatus = 'pending' | 'approved' | 'rejected'

export interface CreditClaim {
  id: number
  practitionerId: number
  title: string
  provider: string
  date: string
  hours: number
  category: CourseCategory
  evidenceType: string
  status: ClaimStatus
  approvedHours: number | null
  rejectReason: string | null
  decidedAt: string | null
  createdAt: string
}

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

export interface Certificate {
  code: string
  holderName: string
  courseTitle: string
  classTitle: string
  hours: number
  category: CourseCategory
  issuedAt: string
  verifyUrl: string
}

/** What anyone with the code sees; holderName is masked (张*三). */
export interface CertificateVerification {
  valid: boolean
  code: string
  holderName: string
  courseTitle: string
  classTitle: string
  hours: number
  issuedAt: string
}

/* ---- Talent office: statistics, talent database, import, claim review ---- */

export interface CountBy {
  value: string
  label: string
  count: number
}

export interface StatsOverview {
  target: { count: number; year: number }
  practitioners: { verified: number; pending: number; rejected: number; inactive: number; total: number }
  /** verified / target, 0..1 */
  progress: number
  byDistrict: { code: string; name: string; count: number }[]
  byOrgType: CountBy[]
  byCategory: CountBy[]
  byTitleLevel: CountBy[]
  byTier: CountBy[]
  /** Oldest first; month is YYYY-MM. */
  growth: { month: string; newVerified: number; cumulative: number }[]
  /** projectedReachDate: YYYY-MM-DD, or null when it cannot be projected. */
  projection: { monthlyRate: number; projectedReachDate: string | null }
  training: { year: number; classes: number; enrollments: number; completions: number; hoursAwarded: number }
  /** rate: 0..1 */
  compliance: { year: number; requiredHours: number; minProfessionalHours: number; compliant: number; total: number; rate: number }
}

/** A talent record as the office sees it: phone masked, never the full ID number. */
export interface TalentRecord extends PractitionerRecord {
  birthDate?: string
  districtName?: string
  createdAt?: string
  source: 'self' | 'import'
  claimed: boolean
  phoneMasked: string | null
}

export interface TalentDetail extends TalentRecord {
  credits: CreditSummary
  enrollments: MyEnrollment[]
}

export interface TalentFilters {
  q?: string
  district?: string
  orgType?: string
  category?: string
  titleLevel?: string
  tier?: string
  status?: string
}

export interface ImportReport {
  created: number
  updated: number
  unchanged: number
  errors: { row: number; column: string; message: string }[]
  dryRun: boolean
}

/** A claim in the office's review list (with the practitioner's name). */
export interface OfficeCreditClaim extends CreditClaim {
  practitionerName?: string
}

/** Who is short of the year's continuing-education rule (verified people only), a page at a time. */
export interface ComplianceShortfall {
  year: number
  requiredHours: number
  minProfessionalHours: number
  total: number
  page: number
  pageSize: number
  items: {
    practitionerId: number
    name: string
    district: string
    districtName: string
    orgName: string
    earnedHours: number
    professionalHours: number
    missingHours: number
    missingProfessionalHours: number
  }[]
  byDistrict: { code: string; name: string; verified: number; short: number }[]
}

/** A year's continuing-education rule; isDefault when the office has not set that year. */
export interface CreditRule {
  year: number
  requiredHours: number
  minProfessionalHours: number
  isDefault: boolean
}

/** One entry of the audit trail: who did what to which record, with the state before and after. */
export interface AuditEntry {
  id: number
  actorId: number | null
  actorName: string | null
  action: string
  entity: string
  entityId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  createdAt: string
}
