import { zh } from '../text/zh'
import { ApiError, isApiError } from './errors'
import { download, headerValue, request, requestWithHeader, upload } from './request'
import type { Downloaded } from './request'
import { clearToken, getToken, setToken } from './token'
import type {
  AccountDeletionInput,
  AccountFilters,
  AccountPage,
  AccountPatch,
  AccountRow,
  AttendanceEntry,
  AuditEntry,
  AuditFilters,
  AttendanceStatus,
  AuthResult,
  ChangePasswordInput,
  Certificate,
  CertificateVerification,
  ComplianceShortfall,
  Checkin,
  CheckinToken,
  ClassPatch,
  ClassSession,
  ClassWhen,
  CompletionReport,
  CompletionUndone,
  CreditClaim,
  CreditClaimInput,
  CreditRule,
  CreditSummary,
  CourseCategory,
  DistrictLeague,
  CourseDetail,
  CourseList,
  EnrollmentOutcome,
  EnrollmentStatus,
  ImportReport,
  Me,
  MyEnrollment,
  NewClassInput,
  OfficeCreditClaim,
  Page,
  PasswordResetConfirm,
  PasswordResetRequest,
  PickedFile,
  PractitionerRecord,
  ProfileInput,
  Reference,
  RosterEntry,
  SessionAttendance,
  SessionPatch,
  StaffAccountInput,
  StatsOverview,
  TalentDetail,
  TalentFilters,
  TalentRecord,
  TemporaryPassword,
  TrainingClass,
  User,
  WechatAuthResult,
} from './types'
import type { Agency, AgencyFilters, AgencyImportReport, AgencyInput, AgencyPage, AgencyPatch, AgencyPractitionerPage } from './types'
import type { InboxEntry, InboxPage, OutboxMessage, OutboxStatus, StatementVerification, WechatSubscription } from './types'

export * from './types'
export { ApiError, NETWORK_ERROR, errorMessage, isApiError } from './errors'
export { apiBase, download, headerValue, request, requestWithHeader, upload } from './request'
export type { Downloaded, UploadOptions } from './request'
export { resetServerClock, serverNow } from './clock'
export { TOKEN_KEY, clearToken, getToken, setToken } from './token'

/** True when a token is stored (it may still turn out to be expired: the server decides). */
export function isSignedIn(): boolean {
  return !!getToken()
}

export function signOut(): void {
  clearToken()
}

function keep<T extends AuthResult>(result: T): T {
  if (result && result.token) setToken(result.token)
  return result
}

export async function register(input: { phone: string; password: string; name: string }): Promise<AuthResult> {
  return keep(await request<AuthResult>('/api/auth/register', { method: 'POST', data: input, anonymous: true }))
}

/** Creates an account of any role (admin): how trainers and talent-office staff get theirs; a district account names its district. */
export async function createStaffAccount(input: StaffAccountInput): Promise<User> {
  return (await request<{ user: User }>('/api/admin/users', { method: 'POST', data: input })).user
}

export async function login(input: { phone: string; password: string }): Promise<AuthResult> {
  return keep(await request<AuthResult>('/api/auth/login', { method: 'POST', data: input, anonymous: true }))
}

export async function wechatLogin(input: { code: string }): Promise<WechatAuthResult> {
  return keep(await request<WechatAuthResult>('/api/auth/wechat', { method: 'POST', data: input, anonymous: true }))
}

/** Signed in by WeChat: link a phone + password login to this account. */
export function bindPhone(input: { phone: string; password: string }): Promise<{ user?: User } & Record<string, unknown>> {
  return request('/api/auth/bind-phone', { method: 'POST', data: input })
}

/* ---- Passwords ---- */

/** The header in which POST /api/me/password sends the caller's new token. */
export const NEW_TOKEN_HEADER = 'X-New-Token'

/**
 * Changes the signed-in person's password. Every earlier token of the account stops working; the
 * answer's X-New-Token is this device's new one and is kept as the session.
 */
export async function changePassword(input: ChangePasswordInput): Promise<void> {
  const { header } = await requestWithHeader<void>('/api/me/password', { method: 'POST', data: input })
  const token = headerValue(header, NEW_TOKEN_HEADER)
  if (token) setToken(token)
}

/** Asks for a reset code by SMS. 202 whether or not the phone has an account; 429 / 503 say why not. */
export async function requestPasswordReset(input: PasswordResetRequest): Promise<void> {
  await request<void>('/api/auth/password-reset/request', { method: 'POST', data: input, anonymous: true })
}

/** Sets a new password with the SMS code, and signs in with the session that comes back. */
export async function confirmPasswordReset(input: PasswordResetConfirm): Promise<AuthResult> {
  return keep(await request<AuthResult>('/api/auth/password-reset/confirm', { method: 'POST', data: input, anonymous: true }))
}

/* ---- Accounts (admin) ---- */

/** Every account (staff and practitioners), by role, status, name or the phone's last digits. */
export function listAccounts(filters: AccountFilters, page = 1, pageSize = 20): Promise<AccountPage> {
  return request<AccountPage>(
    `/api/admin/users${queryString({ role: filters.role, status: filters.status, q: filters.q?.trim(), page, pageSize })}`,
  )
}

/** Changes an account's role or status (a disabled account's tokens stop at once); the updated row. */
export function updateAccount(id: number, patch: AccountPatch): Promise<AccountRow> {
  return request<AccountRow>(`/api/admin/users/${id}`, { method: 'PATCH', data: patch })
}

/** Issues a temporary password, to be changed at the holder's next sign-in. It is shown this once. */
export async function issueTemporaryPassword(id: number): Promise<string> {
  return (await request<TemporaryPassword>(`/api/admin/users/${id}/password-reset`, { method: 'POST' })).temporaryPassword
}

/* ---- Personal data (PIPL) ---- */

/** Everything held about the caller, as a JSON file (h5: a Blob; weapp: a temp file). */
export function downloadMyData(): Promise<Downloaded> {
  return download('/api/me/data-export')
}

/** Deletes the caller's account (password again). On success the session is gone too. */
export async function deleteMyAccount(input: AccountDeletionInput): Promise<void> {
  await request<void>('/api/me/account-deletion', { method: 'POST', data: input })
  clearToken()
}

export function getMe(): Promise<Me> {
  return request<Me>('/api/me')
}

let referenceCache: Reference | null = null

/** The enums and their Chinese labels. Cached for the session once it loaded. */
export async function getReference(options: { fresh?: boolean } = {}): Promise<Reference> {
  if (referenceCache && !options.fresh) return referenceCache
  const ref = await request<Reference>('/api/reference')
  referenceCache = ref
  return ref
}

/** For tests. */
export function resetReferenceCache(): void {
  referenceCache = null
}

export function saveProfile(input: ProfileInput): Promise<PractitionerRecord> {
  return request<PractitionerRecord>('/api/me/profile', { method: 'PUT', data: input })
}

/** '?a=1&b=x' from the non-empty values, or '' when there are none. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && String(v) !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/* ---- Course catalog ---- */

export function listCourses(filter: { q?: string; category?: CourseCategory | '' } = {}): Promise<CourseList> {
  return request<CourseList>(`/api/courses${queryString({ q: filter.q?.trim(), category: filter.category })}`)
}

/** One course with its upcoming classes (each with `myEnrollment` when a practitioner is signed in). */
export function getCourse(code: string): Promise<CourseDetail> {
  return request<CourseDetail>(`/api/courses/${encodeURIComponent(code)}`)
}

/* ---- Classes ---- */

export function getClass(id: number): Promise<TrainingClass> {
  return request<TrainingClass>(`/api/classes/${id}`)
}

export async function getClassSessions(id: number): Promise<ClassSession[]> {
  return (await request<{ items: ClassSession[] }>(`/api/classes/${id}/sessions`)).items
}

/* ---- Enrollment ---- */

/** Sign up: enrolled, waitlisted (with position) or pending approval. Calling again returns the same enrollment. */
export function enroll(classId: number): Promise<EnrollmentOutcome> {
  return request<EnrollmentOutcome>(`/api/classes/${classId}/enrollments`, { method: 'POST' })
}

export function cancelEnrollment(classId: number): Promise<{ status: 'cancelled' }> {
  return request<{ status: 'cancelled' }>(`/api/classes/${classId}/enrollments/me`, { method: 'DELETE' })
}

/** Newest first. */
export async function getMyEnrollments(): Promise<MyEnrollment[]> {
  return (await request<{ items: MyEnrollment[] }>('/api/me/enrollments')).items
}

/* ---- Classes (staff) ---- */

/** Current classes (running or upcoming) soonest first, then past ones most recent first; `when` picks one group. */
export function listClasses(
  filter: { courseCode?: string; status?: string; when?: ClassWhen; page?: number; pageSize?: number } = {},
): Promise<Page<TrainingClass>> {
  return request<Page<TrainingClass>>(`/api/classes${queryString(filter)}`)
}

/** Publishes a class with its sessions (trainer): all or nothing; errors name e.g. `sessions.1.startsAt`. */
export function createClass(input: NewClassInput): Promise<TrainingClass> {
  return request<TrainingClass>('/api/classes', { method: 'POST', data: input })
}

/** Changes a class (trainer): capacity up promotes the waitlist; below the enrolled count is refused (409). */
export function updateClass(classId: number, patch: ClassPatch): Promise<TrainingClass> {
  return request<TrainingClass>(`/api/classes/${classId}`, { method: 'PATCH', data: patch })
}

/** Moves or renames a session (trainer); once someone checked in → 409 SESSION_HAS_CHECKINS. */
export function updateSession(sessionId: number, patch: SessionPatch): Promise<ClassSession> {
  return request<ClassSession>(`/api/sessions/${sessionId}`, { method: 'PATCH', data: patch })
}

/** Deletes a session (trainer) with its absent/excused marks; once someone checked in → 409 SESSION_HAS_CHECKINS. */
export async function deleteSession(sessionId: number): Promise<void> {
  await request<void>(`/api/sessions/${sessionId}`, { method: 'DELETE' })
}

/** Who signed up, optionally only one status (trainer): waitlisted ones in queue order. */
export async function getRoster(classId: number, status?: EnrollmentStatus): Promise<RosterEntry[]> {
  return (await request<{ items: RosterEntry[] }>(`/api/classes/${classId}/enrollments${queryString({ status })}`)).items
}

/** Approves a pending enrollment: a seat if one is free, else the end of the waitlist. */
export function approveEnrollment(enrollmentId: number): Promise<EnrollmentOutcome> {
  return request<EnrollmentOutcome>(`/api/enrollments/${enrollmentId}/approve`, { method: 'POST' })
}

export function rejectEnrollment(enrollmentId: number): Promise<{ id: number; status: 'rejected' }> {
  return request<{ id: number; status: 'rejected' }>(`/api/enrollments/${enrollmentId}/reject`, { method: 'POST', data: {} })
}

/** The roster as a spreadsheet (trainer). */
export function downloadRoster(classId: number): Promise<Downloaded> {
  return download(`/api/classes/${classId}/enrollments?format=xlsx`)
}

/** Completes a class (trainer): the server decides who completed; again changes nothing. */
export function completeClass(classId: number): Promise<CompletionReport> {
  return request<CompletionReport>(`/api/classes/${classId}/complete`, { method: 'POST' })
}

/** Undoes a completion done by mistake (admin, within the server's bound): hours and certificates withdrawn. */
export function undoCompletion(classId: number, reason: string): Promise<CompletionUndone> {
  return request<CompletionUndone>(`/api/classes/${classId}/completion/undo`, { method: 'POST', data: { reason } })
}

/* ---- Attendance ---- */

/** A scanned QR token or a typed 6-digit code, both sent as `token`. */
export function checkIn(token: string): Promise<Checkin> {
  return request<Checkin>('/api/checkins', { method: 'POST', data: { token } })
}

/** A fresh check-in token for a session's QR code (trainer). */
export function issueCheckinToken(sessionId: number): Promise<CheckinToken> {
  return request<CheckinToken>(`/api/sessions/${sessionId}/checkin-token`, { method: 'POST' })
}

export function getSessionAttendance(sessionId: number): Promise<SessionAttendance> {
  return request<SessionAttendance>(`/api/sessions/${sessionId}/attendance`)
}

export function markAttendance(sessionId: number, practitionerId: number, status: AttendanceStatus): Promise<AttendanceEntry> {
  return request<AttendanceEntry>(`/api/sessions/${sessionId}/attendance/${practitionerId}`, { method: 'PUT', data: { status } })
}

/* ---- Credits ---- */

/** My hours of one year measured against the annual rule (the server's numbers, shown as they are). */
export function getMyCredits(year?: number): Promise<CreditSummary> {
  return request<CreditSummary>(`/api/me/credits${queryString({ year })}`)
}

/** Claims hours earned elsewhere, with the evidence file (multipart field `evidence`). */
export async function submitCreditClaim(input: CreditClaimInput, evidence: PickedFile): Promise<CreditClaim> {
  try {
    return await upload<CreditClaim>('/api/me/credit-claims', {
      field: 'evidence',
      file: evidence,
      formData: {
        title: input.title.trim(),
        provider: input.provider.trim(),
        date: input.date,
        hours: input.hours.trim(),
        category: input.category,
      },
    })
  } catch (e) {
    // a proxy in front may answer 413 without our JSON body: say what the limit is either way
    if (isApiError(e) && e.status === 413) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', zh.credits.fileTooLarge, e.details)
    throw e
  }
}

export async function getMyCreditClaims(): Promise<CreditClaim[]> {
  return (await request<{ items: CreditClaim[] }>('/api/me/credit-claims')).items
}

/* ---- Certificates ---- */

export async function getMyCertificates(): Promise<Certificate[]> {
  return (await request<{ items: Certificate[] }>('/api/me/certificates')).items
}

/** Public verification: no sign-in needed, the holder's name comes masked. */
export function verifyCertificate(code: string): Promise<CertificateVerification> {
  return request<CertificateVerification>(`/api/certificates/${encodeURIComponent(code)}`, { anonymous: true })
}

export function downloadCertificatePdf(code: string): Promise<Downloaded> {
  return download(`/api/certificates/${encodeURIComponent(code)}/pdf`)
}

/* ---- Talent office: statistics ---- */

/** The dashboard's figures (a district's for district staff); a past year as it stood at that year's end. */
export function getStatsOverview(year?: number): Promise<StatsOverview> {
  return request<StatsOverview>(`/api/stats/overview${queryString({ year })}`)
}

/** 区县排行 (city office): per district, verified people, growth over 12 months and compliance. */
export function getDistrictLeague(): Promise<DistrictLeague> {
  return request<DistrictLeague>('/api/stats/districts')
}

export function getComplianceShortfall(filter: { year?: number; district?: string; page?: number }): Promise<ComplianceShortfall> {
  return request<ComplianceShortfall>(`/api/stats/compliance${queryString({ ...filter, pageSize: 20 })}`)
}

export function getCreditRule(year: number): Promise<CreditRule> {
  return request<CreditRule>(`/api/credit-rules/${year}`)
}

/** Sets a year's rule (office); the server checks the numbers. */
export function saveCreditRule(year: number, rule: { requiredHours: number; minProfessionalHours: number }): Promise<CreditRule> {
  return request<CreditRule>(`/api/credit-rules/${year}`, { method: 'PUT', data: rule })
}

/** The audit trail of one record, newest first (office, admin). */
export function getAuditTrail(entity: string, entityId: number | string): Promise<Page<AuditEntry>> {
  return request<Page<AuditEntry>>(`/api/audit${queryString({ entity, entityId: String(entityId), pageSize: 50 })}`)
}

/** The audit browser: a page of the trail, newest first, narrowed by the filters. */
export function listAuditEntries(filters: AuditFilters, page = 1, pageSize = 20): Promise<Page<AuditEntry>> {
  const { action, entity, entityId, actor, from, to } = filters
  return request<Page<AuditEntry>>(`/api/audit${queryString({ action, entity, entityId, actor, from, to, page, pageSize })}`)
}

/** The actions the trail holds (the caller's district's for district staff), for the filter. */
export async function listAuditActions(): Promise<string[]> {
  return (await request<{ items: string[] }>('/api/audit/actions')).items
}

/** The annual report as a spreadsheet (the current year unless one is given). */
export function downloadAnnualReport(year?: number): Promise<Downloaded> {
  return download(`/api/stats/report${queryString({ year, format: 'xlsx' })}`)
}

/* ---- Talent office: the talent database ---- */

function talentFilterParams(filters: TalentFilters): Record<string, string | undefined> {
  return {
    q: filters.q?.trim(),
    district: filters.district,
    orgType: filters.orgType,
    category: filters.category,
    titleLevel: filters.titleLevel,
    titleSeries: filters.titleSeries,
    education: filters.education,
    tier: filters.tier,
    status: filters.status,
  }
}

export function listTalents(filters: TalentFilters, page = 1, pageSize = 20): Promise<Page<TalentRecord>> {
  return request<Page<TalentRecord>>(`/api/talents${queryString({ ...talentFilterParams(filters), page, pageSize })}`)
}

/** One record with this year's credit summary and its enrollments. */
export function getTalent(id: number): Promise<TalentDetail> {
  return request<TalentDetail>(`/api/talents/${id}`)
}

export function verifyTalent(id: number): Promise<TalentRecord> {
  return request<TalentRecord>(`/api/talents/${id}/verify`, { method: 'POST' })
}

export function rejectTalent(id: number, reason: string): Promise<TalentRecord> {
  return request<TalentRecord>(`/api/talents/${id}/reject`, { method: 'POST', data: { reason: reason.trim() } })
}

export function patchTalent(id: number, patch: { tier?: string; status?: 'inactive' }): Promise<TalentRecord> {
  return request<TalentRecord>(`/api/talents/${id}`, { method: 'PATCH', data: patch })
}

/** The talent database with the same filters as the search, as a spreadsheet. */
export function exportTalents(filters: TalentFilters, format: 'xlsx' | 'csv' = 'xlsx'): Promise<Downloaded> {
  return download(`/api/talents/export${queryString({ format, ...talentFilterParams(filters) })}`)
}

export function downloadImportTemplate(): Promise<Downloaded> {
  return download('/api/talents/import-template?format=xlsx')
}

/** Imports an .xlsx or .csv (multipart field `file`); dryRun checks it and changes nothing. */
export function importTalents(file: PickedFile, dryRun: boolean): Promise<ImportReport> {
  return upload<ImportReport>(`/api/talents/import${queryString({ dryRun: dryRun ? 'true' : 'false' })}`, {
    field: 'file',
    file,
    formData: {},
  })
}

/* ---- Talent office: credit claims ---- */

export function listCreditClaims(status: 'pending' | 'approved' | 'rejected' = 'pending', page = 1): Promise<Page<OfficeCreditClaim>> {
  return request<Page<OfficeCreditClaim>>(`/api/credit-claims${queryString({ status, page })}`)
}

export function downloadClaimEvidence(id: number): Promise<Downloaded> {
  return download(`/api/credit-claims/${id}/evidence`)
}

/** Approves a claim; hours (as typed) only when fewer than claimed are recognised. */
export function approveCreditClaim(id: number, hours?: string): Promise<OfficeCreditClaim> {
  const typed = hours?.trim()
  return request<OfficeCreditClaim>(`/api/credit-claims/${id}/approve`, {
    method: 'POST',
    data: typed ? { hours: Number(typed) } : {},
  })
}

export function rejectCreditClaim(id: number, reason: string): Promise<OfficeCreditClaim> {
  return request<OfficeCreditClaim>(`/api/credit-claims/${id}/reject`, { method: 'POST', data: { reason: reason.trim() } })
}

// Service agencies (知识产权服务机构): the registry, its review, import and export

function agencyFilterParams(filters: AgencyFilters): Record<string, string | undefined> {
  return { q: filters.q?.trim(), district: filters.district, serviceType: filters.serviceType, status: filters.status }
}

/** The registry as staff see it (office: everything; district staff: their district), a page at a time. */
export function listAgencies(filters: AgencyFilters, page = 1, pageSize = 20): Promise<AgencyPage> {
  return request<AgencyPage>(`/api/agencies${queryString({ ...agencyFilterParams(filters), page, pageSize })}`)
}

/** One agency with its practitioner count. */
export function getAgency(id: number): Promise<Agency> {
  return request<Agency>(`/api/agencies/${id}`)
}

/** Registers an agency (pending until verified); a credit code already registered → 409 CREDIT_CODE_TAKEN. */
export function createAgency(input: AgencyInput): Promise<Agency> {
  return request<Agency>('/api/agencies', { method: 'POST', data: input })
}

/** Changes an agency's fields; the status stays as it is. */
export function updateAgency(id: number, patch: AgencyPatch): Promise<Agency> {
  return request<Agency>(`/api/agencies/${id}`, { method: 'PATCH', data: patch })
}

/** Verifies an agency (it then counts toward the target); also restores a deactivated one. */
export function verifyAgency(id: number): Promise<Agency> {
  return request<Agency>(`/api/agencies/${id}/verify`, { method: 'POST' })
}

export function rejectAgency(id: number, reason: string): Promise<Agency> {
  return request<Agency>(`/api/agencies/${id}/reject`, { method: 'POST', data: { reason: reason.trim() } })
}

/** Deactivates an agency (PATCH status inactive); verifying it again restores it. */
export function deactivateAgency(id: number): Promise<Agency> {
  return updateAgency(id, { status: 'inactive' })
}

/** The agency's verified practitioners with their hours in the year (the server's current year when none is given). */
export function listAgencyPractitioners(id: number, options: { year?: number; page?: number; pageSize?: number } = {}): Promise<AgencyPractitionerPage> {
  return request<AgencyPractitionerPage>(`/api/agencies/${id}/practitioners${queryString(options)}`)
}

/** Imports agencies from an .xlsx or .csv (multipart field `file`), keyed on the credit code; dryRun changes nothing. */
export function importAgencies(file: PickedFile, dryRun: boolean): Promise<AgencyImportReport> {
  return upload<AgencyImportReport>(`/api/agencies/import${queryString({ dryRun: dryRun ? 'true' : 'false' })}`, {
    field: 'file',
    file,
    formData: {},
  })
}

/** The export's path: the registry with the same filters as the search. */
export function agencyExportPath(filters: AgencyFilters, format: 'xlsx' | 'csv' = 'xlsx'): string {
  return `/api/agencies/export${queryString({ format, ...agencyFilterParams(filters) })}`
}

/** The import template's path (Chinese headers and the allowed values). */
export function agencyTemplatePath(format: 'xlsx' | 'csv' = 'xlsx'): string {
  return `/api/agencies/import-template${queryString({ format })}`
}

export function exportAgencies(filters: AgencyFilters, format: 'xlsx' | 'csv' = 'xlsx'): Promise<Downloaded> {
  return download(agencyExportPath(filters, format))
}

export function downloadAgencyImportTemplate(): Promise<Downloaded> {
  return download(agencyTemplatePath('xlsx'))
}

/* ---- Notifications (消息) ---- */

/** My inbox, newest first, a page at a time; `unread` keeps only the entries not read yet. */
export function listMyNotifications(filter: { unread?: boolean; page?: number; pageSize?: number } = {}): Promise<InboxPage> {
  const { unread, page, pageSize } = filter
  return request<InboxPage>(`/api/me/notifications${queryString({ unread: unread ? 'true' : undefined, page, pageSize })}`)
}

/** How many entries of my inbox are unread. */
export async function getUnreadNotificationCount(): Promise<number> {
  return (await request<{ count: number }>('/api/me/notifications/unread-count')).count
}

/** Marks one entry read; the entry as it now is. */
export function markNotificationRead(id: number): Promise<InboxEntry> {
  return request<InboxEntry>(`/api/me/notifications/${id}/read`, { method: 'POST' })
}

/** Marks every entry of my inbox read; how many were unread. */
export async function markAllNotificationsRead(): Promise<number> {
  return (await request<{ updated: number }>('/api/me/notifications/read-all', { method: 'POST' })).updated
}

/** The WeChat subscribe-message templates the server has configured, with my consents left for each. */
export async function getWechatSubscriptions(): Promise<WechatSubscription[]> {
  return (await request<{ items: WechatSubscription[] }>('/api/me/wechat-subscriptions')).items
}

/** Records the templates requestSubscribeMessage answered 'accept' for (one consent allows one message). */
export async function recordWechatConsents(templateIds: string[]): Promise<WechatSubscription[]> {
  return (await request<{ items: WechatSubscription[] }>('/api/me/wechat-subscriptions', { method: 'POST', data: { templateIds } })).items
}

/** Admins: the WeChat messages queued, newest first, optionally of one status. */
export function listOutbox(status: OutboxStatus | undefined, page = 1, pageSize = 20): Promise<Page<OutboxMessage>> {
  return request<Page<OutboxMessage>>(`/api/admin/outbox${queryString({ status, page, pageSize })}`)
}

/** Admins: a given-up message goes back to the queue (its tries counted afresh); the message as it now is. */
export function retryOutboxMessage(id: number): Promise<OutboxMessage> {
  return request<OutboxMessage>(`/api/admin/outbox/${id}/retry`, { method: 'POST' })
}

/* ---- Continuing-education statements (继续教育学时证明) ---- */

/** My statement of a year, as a PDF. */
export function downloadMyStatement(year: number): Promise<Downloaded> {
  return download(`/api/me/ce-statements/${year}`)
}

/** One practitioner's statement of a year, as a PDF (office, district staff). */
export function downloadTalentStatement(id: number, year: number): Promise<Downloaded> {
  return download(`/api/talents/${id}/ce-statements/${year}`)
}

/**
 * The year's statements of the verified people the talent search's filters select, one PDF each
 * in a ZIP (office, district staff). The record status is not among them: the ZIP holds verified
 * records only. Too many people → 409 EXPORT_TOO_LARGE with the server's message.
 */
export function exportStatements(year: number, filters: TalentFilters): Promise<Downloaded> {
  const { status: _status, ...narrowing } = talentFilterParams(filters)
  return download(`/api/ce-statements/export${queryString({ year, ...narrowing })}`)
}

/** Public verification of a statement's code: no sign-in needed, the holder's name comes masked. */
export function verifyStatement(code: string): Promise<StatementVerification> {
  return request<StatementVerification>(`/api/ce-statements/${encodeURIComponent(code)}`, { anonymous: true })
}
