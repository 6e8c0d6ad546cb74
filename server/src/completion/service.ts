import type { AttendanceService } from '../attendance/service';
import type { CatalogService } from '../catalog/service';
import type { CertificateService } from '../certificates/service';
import type { ClassService } from '../classes/service';
import type { CreditService } from '../credits/service';
import type { EnrollmentService } from '../enrollment/service';
import type { NotificationService } from '../notifications/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import type { TalentService } from '../talent/service';
import type { AttendanceStatus } from '../reference/vocabulary';

/** At least this share of a person's sessions, excused ones left out, attended (present or late). */
export const COMPLETION_SHARE = { numerator: 4, denominator: 5 };

/**
 * Whether a practitioner completed, given their status per session. Integer arithmetic, so exactly
 * 80% completes. A person excused from every session attended nothing: not completed.
 */
export function completes(sessionIds: number[], statuses: Map<number, AttendanceStatus> | undefined): { attended: number; counted: number; completed: boolean } {
  let counted = 0;
  let attended = 0;
  for (const id of sessionIds) {
    const status = statuses?.get(id);
    if (status === 'excused') continue;
    counted++;
    if (status === 'present' || status === 'late') attended++;
  }
  const completed = counted > 0 && attended * COMPLETION_SHARE.denominator >= counted * COMPLETION_SHARE.numerator;
  return { attended, counted, completed };
}

/**
 * The key of a completion's awards: `class:<id>` for the first, `class:<id>:r<n>` after n undone
 * completions — so a class completed again after an undo awards anew, once per person.
 */
export const classAwardKey = (classId: number, round: number) => (round === 0 ? `class:${classId}` : `class:${classId}:r${round}`);

export interface CompletionReport {
  completed: number;
  failed: number;
  certificates: { code: string; practitionerId: number; holderName: string }[];
  outcomes: { practitionerId: number; outcome: 'completed' | 'failed' }[];
}

export class CompletionService {
  constructor(
    private readonly db: Database,
    private readonly classes: ClassService,
    private readonly catalog: CatalogService,
    private readonly enrollment: EnrollmentService,
    private readonly attendance: AttendanceService,
    private readonly credits: CreditService,
    private readonly certificates: CertificateService,
    private readonly talent: TalentService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /**
   * 结业: decide each enrolled practitioner's outcome; completers get a credit record of the course's
   * hours and category, dated the class's end date, and a certificate. All in one transaction behind the
   * class's row lock; a class already completed answers with what was decided then and changes nothing.
   */
  async complete(actorId: number, classId: number): Promise<CompletionReport> {
    return this.db.writeTransaction(async (transaction) => {
      const cls = await this.classes.lockForSeats(classId, transaction);
      if (cls.status !== 'completed') {
        await this.classes.requireCompletable(classId, transaction);
        const sessionIds = await this.classes.sessionIds(classId, transaction);
        const enrolled = await this.enrollment.enrolledPractitionerIds(classId, transaction);
        const [statuses, people, courses] = await Promise.all([
          this.attendance.statusesForSessions(sessionIds),
          this.talent.rosterSummaries(enrolled),
          this.catalog.factsByIds([cls.courseId]),
        ]);
        const course = courses.get(cls.courseId)!;
        const issuedAt = this.clock.now();
        const sourceKey = classAwardKey(classId, await this.classes.completionRound(classId, transaction));
        const outcomes = new Map<number, 'completed' | 'failed'>();
        const accounts = await this.talent.accountsOf(enrolled, transaction);
        for (const practitionerId of enrolled) {
          const { completed } = completes(sessionIds, statuses.get(practitionerId));
          outcomes.set(practitionerId, completed ? 'completed' : 'failed');
          if (!completed) continue;
          const certificate = await this.certificates.issue(
            { practitionerId, classId, holderName: people.get(practitionerId)!.name, courseTitle: course.title, classTitle: cls.title, hours: course.creditHours, category: course.category, issuedAt },
            transaction,
          );
          await this.credits.award(
            {
              practitionerId,
              date: cls.endDate,
              hours: course.creditHours,
              category: course.category,
              source: 'class',
              sourceKey,
              title: `${course.title}（${cls.title}）`,
              certificateCode: certificate.code,
              createdBy: actorId,
            },
            transaction,
          );
          const userId = accounts.get(practitionerId);
          if (userId !== undefined) {
            await this.notifications.notify(
              { kind: 'completed', classId, classTitle: cls.title, hours: course.creditHours, certificateCode: certificate.code },
              `${sourceKey}:completed`,
              [userId],
              transaction,
            );
          }
        }
        await this.enrollment.recordOutcomes(classId, outcomes, transaction);
        await this.classes.markCompleted(actorId, classId, transaction);
      }
      const outcomes = await this.enrollment.outcomes(classId, transaction);
      return {
        completed: outcomes.filter((o) => o.outcome === 'completed').length,
        failed: outcomes.filter((o) => o.outcome === 'failed').length,
        certificates: await this.certificates.ofClass(classId, transaction),
        outcomes,
      };
    });
  }

  /**
   * 撤销结业, by an admin within COMPLETION_UNDO_DAYS of a completion done by mistake: the class is
   * scheduled again; every hour it awarded is withdrawn by a correcting line of the same source, negative
   * (the ledger is never edited, and the year's class hours net out), its certificates are withdrawn (their codes verify as not valid), outcomes are cleared;
   * audited. Completing the class again later awards anew.
   */
  async undo(actorId: number, classId: number, reason: string): Promise<{ withdrawn: number; certificatesRevoked: number }> {
    return this.db.writeTransaction(async (transaction) => {
      await this.classes.lockForSeats(classId, transaction);
      const round = await this.classes.reopenCompleted(actorId, classId, reason, transaction);
      const key = classAwardKey(classId, round);
      const awards = await this.credits.awardsWithKey(key, transaction);
      for (const a of awards) {
        await this.credits.award(
          { practitionerId: a.practitionerId, date: a.date, hours: -a.hours, category: a.category, source: 'class', sourceKey: `undo:${key}`, title: `撤销结业：${a.title}`, note: reason, createdBy: actorId },
          transaction,
        );
      }
      const certificatesRevoked = await this.certificates.revokeOfClass(classId, this.clock.now(), transaction);
      await this.enrollment.clearOutcomes(classId, transaction);
      return { withdrawn: awards.length, certificatesRevoked };
    });
  }
}
