/** Where an entry opens in the app (the client's page paths). */
const PAGE = {
  myEnrollments: '/pages/enrollment/mine/index',
  myCredits: '/pages/credits/mine/index',
  myClaims: '/pages/credits/claims/index',
  myCertificates: '/pages/certificates/mine/index',
  profile: '/pages/profile/edit/index',
} as const;

/** What happened, with what the message needs to say it. */
export type NotificationEvent =
  | { kind: 'enrollment_placed'; classId: number; classTitle: string; status: 'enrolled' | 'waitlisted' | 'pending'; waitlistPosition?: number }
  | { kind: 'waitlist_promoted'; classId: number; classTitle: string }
  | { kind: 'enrollment_approved'; classId: number; classTitle: string; status: 'enrolled' | 'waitlisted' }
  | { kind: 'enrollment_rejected'; classId: number; classTitle: string; reason?: string | null }
  | { kind: 'class_changed'; classId: number; classTitle: string; what: string[] }
  | { kind: 'class_cancelled'; classId: number; classTitle: string }
  | { kind: 'session_reminder'; classId: number; classTitle: string; sessionTitle: string; startsAt: string; location: string | null }
  | { kind: 'completed'; classId: number; classTitle: string; hours: number; certificateCode: string }
  | { kind: 'claim_approved'; claimId: number; title: string; hours: number }
  | { kind: 'claim_rejected'; claimId: number; title: string; reason: string }
  | { kind: 'record_verified' }
  | { kind: 'record_rejected'; reason: string | null }
  | { kind: 'ce_shortfall'; year: number; earnedHours: number; requiredHours: number; professionalHours: number; minProfessionalHours: number };

export interface NotificationText {
  title: string;
  body: string;
  link: string | null;
}

/** The words of each kind of entry, in one place (inbox and WeChat messages alike). */
export function describe(event: NotificationEvent): NotificationText {
  switch (event.kind) {
    case 'enrollment_placed': {
      const outcome = { enrolled: '报名成功', waitlisted: `已进入候补，第 ${event.waitlistPosition ?? '?'} 位`, pending: '已提交，等待培训基地审核' }[event.status];
      return { title: '报名已提交', body: `「${event.classTitle}」${outcome}。`, link: PAGE.myEnrollments };
    }
    case 'waitlist_promoted':
      return { title: '候补转正', body: `「${event.classTitle}」有名额空出，你已由候补转为报名成功。`, link: PAGE.myEnrollments };
    case 'enrollment_approved':
      return {
        title: '报名审核通过',
        body: `「${event.classTitle}」的报名已审核通过，${event.status === 'enrolled' ? '报名成功' : '名额已满，已进入候补'}。`,
        link: PAGE.myEnrollments,
      };
    case 'enrollment_rejected':
      return { title: '报名未通过审核', body: `「${event.classTitle}」的报名未通过审核${event.reason ? `：${event.reason}` : '。'}`, link: PAGE.myEnrollments };
    case 'class_changed':
      return { title: '开班信息变更', body: `「${event.classTitle}」的${event.what.join('、')}有变更，请查看最新安排。`, link: PAGE.myEnrollments };
    case 'class_cancelled':
      return { title: '开班取消', body: `「${event.classTitle}」已取消，你的报名随之取消。`, link: PAGE.myEnrollments };
    case 'session_reminder':
      return {
        title: '明天有课',
        body: `「${event.classTitle}」${event.sessionTitle} 于 ${event.startsAt} 开始${event.location ? `，地点：${event.location}` : ''}。请按时到场扫码签到。`,
        link: PAGE.myEnrollments,
      };
    case 'completed':
      return { title: '结业', body: `「${event.classTitle}」已结业，你获得 ${event.hours} 学时和结业证书（编号 ${event.certificateCode}）。`, link: PAGE.myCertificates };
    case 'claim_approved':
      return { title: '学时申报通过', body: `「${event.title}」的学时申报已通过，计 ${event.hours} 学时。`, link: PAGE.myClaims };
    case 'claim_rejected':
      return { title: '学时申报未通过', body: `「${event.title}」的学时申报未通过：${event.reason}`, link: PAGE.myClaims };
    case 'record_verified':
      return { title: '人才档案已认证', body: '你的人才档案已通过审核，已计入人才库。', link: PAGE.profile };
    case 'record_rejected':
      return { title: '人才档案未通过', body: `你的人才档案未通过审核${event.reason ? `：${event.reason}` : '。'}请修改后重新提交。`, link: PAGE.profile };
    case 'ce_shortfall':
      return {
        title: '继续教育学时不足',
        body: `${event.year} 年你已获得 ${event.earnedHours} 学时（专业科目 ${event.professionalHours}），本年度要求 ${event.requiredHours} 学时（专业科目不少于 ${event.minProfessionalHours}），请在年底前补足。`,
        link: PAGE.myCredits,
      };
  }
}
