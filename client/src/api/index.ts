import { request } from './request'
import { clearToken, getToken, setToken } from './token'
import type {
  AuthResult,
  ClassSession,
  CourseCategory,
  CourseDetail,
  CourseList,
  EnrollmentOutcome,
  Me,
  MyEnrollment,
  PractitionerRecord,
  ProfileInput,
  Reference,
  TrainingClass,
  User,
  WechatAuthResult,
} from './types'

export * from './types'
export { ApiError, NETWORK_ERROR, errorMessage, isApiError } from './errors'
export { apiBase, request } from './request'
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
