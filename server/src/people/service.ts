import type { AccountService } from '../accounts/service';
import type { AttendanceService } from '../attendance/service';
import type { CertificateService } from '../certificates/service';
import type { CreditService } from '../credits/service';
import type { EnrollmentService } from '../enrollment/service';
import type { EnrollmentViews } from '../enrollment/views';
import type { NotificationService } from '../notifications/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ForbiddenError } from '../platform/errors';
import type { StatementService } from '../statements/service';
import type { TalentOfficeService } from '../talent/office';
import { ERASED_RECORD_NAME, type TalentService } from '../talent/service';

export interface PeopleDeps {
  db: Database;
  clock: Clock;
  accounts: AccountService;
  talent: TalentService;
  talentOffice: TalentOfficeService;
  enrollment: EnrollmentService;
  enrollmentViews: EnrollmentViews;
  attendance: AttendanceService;
  credits: CreditService;
  certificates: CertificateService;
  statements: StatementService;
  notifications: NotificationService;
}

/** One person across the modules that hold something of theirs; assembles, owns no table. */
export class PeopleService {
  constructor(private readonly deps: PeopleDeps) {}

  /** The office's page of one practitioner: the record (404 if none), this year's hours, enrollments. */
  async officeDetail(practitionerId: number, district: string | null) {
    const { talentOffice, credits, enrollmentViews } = this.deps;
    const record = await talentOffice.get(practitionerId, district);
    const [summary, enrollments] = await Promise.all([credits.summary(record.id, credits.currentYear()), enrollmentViews.ofPractitioner(record.id)]);
    return { ...record, credits: summary, enrollments };
  }

  /** PIPL: everything held about the caller, module by module. */
  async dataExport(userId: number) {
    const { accounts, talent, enrollmentViews, attendance, credits, certificates, clock } = this.deps;
    const [account, record] = await Promise.all([accounts.exportOwn(userId), talent.getOwnRecord(userId)]);
    const of = <T>(load: (id: number) => Promise<T[]>) => (record ? load(record.id) : Promise.resolve([] as T[]));
    const [enrollments, attendanceEntries, creditRecords, claims, certificateList] = await Promise.all([
      enrollmentViews.mine(userId),
      of((id) => attendance.entriesOf(id)),
      of((id) => credits.ledgerOf(id)),
      credits.myClaims(userId),
      certificates.mine(userId),
    ]);
    return { exportedAt: clock.now(), account, practitioner: record, enrollments, attendance: attendanceEntries, creditRecords, claims, certificates: certificateList };
  }

  /**
   * PIPL: the holder deletes their account (password again). Enrollments end, then in one transaction
   * the account and the record lose every personal field, the inbox and WeChat consents go, certificates and statements their holder's name, claims
   * their evidence; credit records, attendance and audit entries stay, detached, so past figures hold.
   * Staff accounts are an admin's to disable.
   */
  async deleteAccount(userId: number, role: string, proof: { password?: string; wechatCode?: string }): Promise<void> {
    const { db, accounts, talent, enrollment, credits, certificates, statements, notifications } = this.deps;
    if (role !== 'practitioner') throw new ForbiddenError('工作人员账号请由管理员停用', 'STAFF_ACCOUNT');
    await accounts.reauthenticate(userId, proof);
    const record = await talent.getOwnRecord(userId);
    if (record) await enrollment.withdrawAll(record.id);
    const files = await db.writeTransaction(async (transaction) => {
      await accounts.erase(userId, transaction);
      await notifications.eraseUser(userId, transaction);
      const practitionerId = await talent.eraseOwnRecord(userId, transaction);
      if (practitionerId === null) return [];
      await certificates.eraseHolder(practitionerId, ERASED_RECORD_NAME, transaction);
      await statements.eraseHolder(practitionerId, ERASED_RECORD_NAME, transaction);
      return credits.detachEvidence(practitionerId, transaction);
    });
    credits.removeEvidenceFiles(files);
  }
}
