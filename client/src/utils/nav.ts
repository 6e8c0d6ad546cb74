import Taro from '@tarojs/taro'
import type { User } from '../api'
import { ROUTES } from '../routes'

export function goLogin(): void {
  Taro.reLaunch({ url: ROUTES.login })
}

export function goHome(): void {
  Taro.reLaunch({ url: ROUTES.home })
}

/** Signed in: home, or first the password page while a temporary password awaits its change. */
export function goAfterSignIn(user: Pick<User, 'mustChangePassword'>): void {
  if (user.mustChangePassword) goChangePasswordFirst()
  else goHome()
}

export function goPasswordReset(): void {
  Taro.navigateTo({ url: ROUTES.passwordReset })
}

export function goChangePassword(): void {
  Taro.navigateTo({ url: ROUTES.changePassword })
}

/**
 * The temporary password must be changed before anything else: the password page replaces every
 * page (nothing to go back to), saying why; once changed it goes home.
 */
export function goChangePasswordFirst(): void {
  Taro.reLaunch({ url: `${ROUTES.changePassword}?forced=1` })
}

export function goAccountDeletion(): void {
  Taro.navigateTo({ url: ROUTES.accountDeletion })
}

/** Back to the page before; `orElse` (home by default) when there is none (an h5 page opened directly). */
export function goBack(orElse: () => void = goHome): void {
  Taro.navigateBack().catch(() => orElse())
}

export function goProfileEdit(): void {
  Taro.navigateTo({ url: ROUTES.profileEdit })
}

export function goCourseList(): void {
  Taro.navigateTo({ url: ROUTES.courseList })
}

export function goCourseDetail(code: string): void {
  Taro.navigateTo({ url: `${ROUTES.courseDetail}?code=${encodeURIComponent(code)}` })
}

export function goMyEnrollments(): void {
  Taro.navigateTo({ url: ROUTES.myEnrollments })
}

export function goCheckin(): void {
  Taro.navigateTo({ url: ROUTES.checkin })
}

export function goMyCredits(): void {
  Taro.navigateTo({ url: ROUTES.myCredits })
}

export function goCreditClaim(): void {
  Taro.navigateTo({ url: ROUTES.creditClaim })
}

export function goCreditClaims(): void {
  Taro.navigateTo({ url: ROUTES.creditClaims })
}

/** After a claim was sent: the list replaces the form (back goes to where the form was opened from). */
export function replaceWithCreditClaims(): void {
  Taro.redirectTo({ url: ROUTES.creditClaims })
}

export function goMyCertificates(): void {
  Taro.navigateTo({ url: ROUTES.myCertificates })
}

export function goVerifyCertificate(code: string): void {
  Taro.navigateTo({ url: `${ROUTES.verifyCertificate}?code=${encodeURIComponent(code)}` })
}

/** 消息: my inbox. */
export function goNotifications(): void {
  Taro.navigateTo({ url: ROUTES.notifications })
}

/**
 * The app page an inbox entry is about (its `link`: a page path, possibly with a query). Only paths
 * of this app's pages are followed; true when it navigated.
 */
export function goNotificationLink(link: string | null | undefined): boolean {
  if (!link || !link.startsWith('/pages/')) return false
  Taro.navigateTo({ url: link })
  return true
}

export function goStaffClasses(): void {
  Taro.navigateTo({ url: ROUTES.staffClasses })
}

export function goStaffClass(id: number): void {
  Taro.navigateTo({ url: `${ROUTES.staffClass}?id=${id}` })
}

export function goNewClass(): void {
  Taro.navigateTo({ url: ROUTES.staffClassNew })
}

/** After publishing: the new class's page replaces the form (back goes to the list). */
export function replaceWithStaffClass(id: number): void {
  Taro.redirectTo({ url: `${ROUTES.staffClass}?id=${id}` })
}

/** The session's QR code with its attendance below; `attendance` opens the attendance sheet alone. */
export function goCheckinQr(sessionId: number, view?: 'attendance'): void {
  Taro.navigateTo({ url: `${ROUTES.checkinQr}?sessionId=${sessionId}${view ? `&view=${view}` : ''}` })
}

export function goOfficeDashboard(): void {
  Taro.navigateTo({ url: ROUTES.officeDashboard })
}

export function goOfficeTalents(): void {
  Taro.navigateTo({ url: ROUTES.officeTalents })
}

export function goOfficeTalent(id: number | string): void {
  Taro.navigateTo({ url: `${ROUTES.officeTalent}?id=${encodeURIComponent(String(id))}` })
}

export function goOfficeImport(): void {
  Taro.navigateTo({ url: ROUTES.officeImport })
}

/** The import page for agencies (the same page as the talent import, with `kind=agencies`). */
export function goOfficeAgencyImport(): void {
  Taro.navigateTo({ url: `${ROUTES.officeImport}?kind=agencies` })
}

export function goOfficeAgencies(): void {
  Taro.navigateTo({ url: ROUTES.officeAgencies })
}

export function goOfficeAgency(id: number): void {
  Taro.navigateTo({ url: `${ROUTES.officeAgency}?id=${id}` })
}

/** The agency form: a new agency, or the one with this id. */
export function goOfficeAgencyEdit(id?: number): void {
  Taro.navigateTo({ url: id ? `${ROUTES.officeAgencyEdit}?id=${id}` : ROUTES.officeAgencyEdit })
}

/** After registering an agency: its page replaces the form (back goes to the list). */
export function replaceWithOfficeAgency(id: number): void {
  Taro.redirectTo({ url: `${ROUTES.officeAgency}?id=${id}` })
}

export function goOfficeClaims(): void {
  Taro.navigateTo({ url: ROUTES.officeClaims })
}

export function goOfficeCompliance(): void {
  Taro.navigateTo({ url: ROUTES.officeCompliance })
}

export function goOfficeCreditRule(): void {
  Taro.navigateTo({ url: ROUTES.officeCreditRule })
}

export function goAdminStaff(): void {
  Taro.navigateTo({ url: ROUTES.adminStaff })
}

/** 操作日志 (office, admin, district staff). */
export function goAdminOutbox(): void {
  Taro.navigateTo({ url: ROUTES.adminOutbox })
}

export function goAdminAudit(): void {
  Taro.navigateTo({ url: ROUTES.adminAudit })
}
