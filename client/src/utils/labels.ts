import type { EnrollmentStatus } from '../api'
import { zh } from '../text/zh'

/** 已报名 / 候补第 N 位 / 待审核 / 已取消 / 未通过 */
export function enrollmentStatusLabel(e: { status: EnrollmentStatus; waitlistPosition?: number }): string {
  const s = zh.enrollment.statuses
  switch (e.status) {
    case 'waitlisted':
      return s.waitlisted(e.waitlistPosition)
    case 'enrolled':
    case 'pending':
    case 'cancelled':
    case 'rejected':
      return s[e.status]
    default:
      return String(e.status)
  }
}

export function classStatusLabel(status: string): string {
  return zh.classes.statuses[status] ?? status
}

export function courseCategoryLabel(category: string): string {
  return zh.courses.categories[category] ?? category
}

export function deliveryModeLabel(mode: string): string {
  return zh.courses.deliveryModes[mode] ?? mode
}

/** 出勤 / 迟到 / 缺勤 / 请假, or 未签到 when there is no record yet. */
export function attendanceStatusLabel(status: string | null): string {
  if (!status) return zh.attendance.noRecord
  return zh.attendance.statuses[status] ?? status
}

/** 培训 / 外部认定 / 调整 */
export function creditSourceLabel(source: string): string {
  return zh.credits.sources[source] ?? source
}

/** 待审核 / 已认定 N 学时 / 未通过（reason） */
export function claimStatusLabel(claim: { status: string; approvedHours: number | null; hours: number; rejectReason: string | null }): string {
  const s = zh.credits.claimStatuses
  if (claim.status === 'approved') return s.approved(claim.approvedHours ?? claim.hours)
  if (claim.status === 'rejected') return s.rejected(claim.rejectReason)
  if (claim.status === 'pending') return s.pending
  return claim.status
}
