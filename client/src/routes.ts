/** Page paths. The first one is the start page. */
export const PAGES = [
  'pages/home/index',
  'pages/auth/login/index',
  'pages/auth/reset/index',
  'pages/account/password/index',
  'pages/account/delete/index',
  'pages/profile/edit/index',
  'pages/courses/list/index',
  'pages/courses/detail/index',
  'pages/enrollment/mine/index',
  'pages/attendance/checkin/index',
  'pages/credits/mine/index',
  'pages/credits/claim/index',
  'pages/credits/claims/index',
  'pages/certificates/mine/index',
  'pages/certificates/verify/index',
  'pages/certificates/verify-statement/index',
  'pages/notifications/inbox/index',
  'pages/staff/classes/index',
  'pages/staff/class/index',
  'pages/staff/class-new/index',
  'pages/staff/checkin-qr/index',
  'pages/office/dashboard/index',
  'pages/office/talents/index',
  'pages/office/talent/index',
  'pages/office/import/index',
  'pages/office/claims/index',
  'pages/office/compliance/index',
  'pages/office/credit-rule/index',
  'pages/office/agencies/index',
  'pages/office/agency/index',
  'pages/office/agency-edit/index',
  'pages/admin/staff/index',
  'pages/admin/audit/index',
  'pages/admin/outbox/index',
]

export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/auth/login/index',
  passwordReset: '/pages/auth/reset/index',
  changePassword: '/pages/account/password/index',
  accountDeletion: '/pages/account/delete/index',
  profileEdit: '/pages/profile/edit/index',
  courseList: '/pages/courses/list/index',
  courseDetail: '/pages/courses/detail/index',
  myEnrollments: '/pages/enrollment/mine/index',
  checkin: '/pages/attendance/checkin/index',
  myCredits: '/pages/credits/mine/index',
  creditClaim: '/pages/credits/claim/index',
  creditClaims: '/pages/credits/claims/index',
  myCertificates: '/pages/certificates/mine/index',
  verifyCertificate: '/pages/certificates/verify/index',
  verifyStatement: '/pages/certificates/verify-statement/index',
  notifications: '/pages/notifications/inbox/index',
  staffClasses: '/pages/staff/classes/index',
  staffClass: '/pages/staff/class/index',
  staffClassNew: '/pages/staff/class-new/index',
  checkinQr: '/pages/staff/checkin-qr/index',
  officeDashboard: '/pages/office/dashboard/index',
  officeTalents: '/pages/office/talents/index',
  officeTalent: '/pages/office/talent/index',
  officeImport: '/pages/office/import/index',
  officeClaims: '/pages/office/claims/index',
  officeCompliance: '/pages/office/compliance/index',
  officeCreditRule: '/pages/office/credit-rule/index',
  officeAgencies: '/pages/office/agencies/index',
  officeAgency: '/pages/office/agency/index',
  officeAgencyEdit: '/pages/office/agency-edit/index',
  adminStaff: '/pages/admin/staff/index',
  adminAudit: '/pages/admin/audit/index',
  adminOutbox: '/pages/admin/outbox/index',
} as const

/**
 * h5: certificate QR codes point at `/verify/<code>`, those of continuing-education statements at
 * `/verify-statement/<code>` (the server answers both with index.html). The verify page's own URL
 * for such a path, or null when the path is something else.
 */
export function verifyPathRewrite(pathname: string): string | null {
  const m = /^\/(verify|verify-statement)\/([0-9A-Za-z-]{1,32})\/?$/.exec(pathname)
  if (!m) return null
  const page = m[1] === 'verify' ? ROUTES.verifyCertificate : ROUTES.verifyStatement
  return `${page}?code=${encodeURIComponent(m[2].toUpperCase())}`
}
