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
