import { request } from './request'
import { clearToken, getToken, setToken } from './token'
import type { AuthResult, Me, PractitionerRecord, ProfileInput, Reference, User, WechatAuthResult } from './types'

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
