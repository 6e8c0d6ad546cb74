import { randomInt } from 'node:crypto';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { ClassService, SessionAttendance, SessionFacts } from '../classes/service';
import type { EnrollmentService } from '../enrollment/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../platform/errors';
import { AttemptGate } from '../platform/failureWindow';
import type { TalentService } from '../talent/service';
import type { CheckinTokens } from './checkinToken';
import type { AttendanceModels, AttendanceRow, AttendanceStatus } from './models';

/** What a scan records: on time or late (absent and excused are the trainer's marks). */
type ScanStatus = Extract<AttendanceStatus, 'present' | 'late'>;

/** Checked in more than this long after a session starts counts as late. */
export const LATE_AFTER_MS = 15 * 60 * 1000;

const SHORT_CODE = /^\d{6}$/;

/** Wrong codes allowed per practitioner in the window: enough for typos, far too few to guess 6 digits. */
export const CHECKIN_FAILURE_LIMIT = 10;
export const CHECKIN_FAILURE_WINDOW_MS = 10 * 60 * 1000;

export class CheckinTokenInvalidError extends AppError {
  constructor() {
    super(400, 'CHECKIN_TOKEN_INVALID', '签到码无效或已过期，请扫描现场最新的二维码');
  }
}

export interface CheckinResult {
  sessionId: number;
  status: ScanStatus;
  checkedInAt: Date;
}

export interface AttendanceEntry {
  practitionerId: number;
  name: string;
  orgName: string;
  status: AttendanceStatus | null;
  checkedInAt: Date | null;
  markedByTrainer: boolean;
}

export class AttendanceService implements SessionAttendance {
  constructor(
    private readonly db: Database,
    private readonly models: AttendanceModels,
    private readonly tokens: CheckinTokens,
    private readonly ttlSeconds: number,
    private readonly classes: ClassService,
    private readonly enrollment: EnrollmentService,
    private readonly talent: TalentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.attempts = new AttemptGate(db, models.CheckinFailure, clock, {
      subjectField: 'practitionerId',
      limit: CHECKIN_FAILURE_LIMIT,
      windowMs: CHECKIN_FAILURE_WINDOW_MS,
      refusal: (minutes) => `签到码错误次数过多，请 ${minutes} 分钟后再试，或请老师手动签到`,
    });
  }

  /** Wrong codes per practitioner: only failed attempts keep their row. */
  private readonly attempts: AttemptGate;

  private async openSession(sessionId: number): Promise<SessionFacts> {
    const session = await this.classes.sessionFacts(sessionId);
    if (session.classState !== 'scheduled') throw new ConflictError('开班已取消或已结业，不能再签到', 'CLASS_NOT_ACTIVE');
    return session;
  }

  /** A fresh token (and its typed twin) for the trainer's rotating QR code. */
  async issueToken(sessionId: number): Promise<{ token: string; expiresAt: Date; shortCode: string }> {
    await this.openSession(sessionId);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    const shortCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.db.writeTransaction(async (transaction) => {
      await this.models.CheckinCode.destroy({ where: { expiresAt: { [Op.lt]: now } }, transaction });
      await this.models.CheckinCode.create({ sessionId, code: shortCode, expiresAt, createdAt: now }, { transaction });
    });
    return { token: this.tokens.issue(sessionId, expiresAt), expiresAt, shortCode };
  }

  /** Which session a scanned token or typed code is for; the practitioner's enrollments settle a code shared by two sessions. */
  private async resolveSession(tokenOrCode: string, practitionerId: number): Promise<SessionFacts> {
    const now = this.clock.now();
    if (SHORT_CODE.test(tokenOrCode)) {
      const rows = await this.models.CheckinCode.findAll({ where: { code: tokenOrCode, expiresAt: { [Op.gt]: now } } });
      for (const row of rows) {
        const session = await this.classes.sessionFacts(row.sessionId);
        if (await this.enrollment.isEnrolled(practitionerId, session.classId)) return session;
      }
      if (rows.length > 0) return this.classes.sessionFacts(rows[0].sessionId);
      throw new CheckinTokenInvalidError();
    }
    const sessionId = this.tokens.verify(tokenOrCode, now);
    if (sessionId === null) throw new CheckinTokenInvalidError();
    try {
      return await this.classes.sessionFacts(sessionId);
    } catch (err) {
      if (err instanceof NotFoundError) throw new CheckinTokenInvalidError();
      throw err;
    }
  }

  /**
   * The session a check-in is for. A scanned token whose signature verifies cannot have been guessed,
   * so it goes straight through (a whole room scanning at once costs no gate writes). A typed code, or
   * a token that does not verify, passes the gate: every attempt is written down before the code is
   * looked at, so a burst of parallel guesses cannot all pass the check; only failures keep their row.
   */
  private async sessionOf(tokenOrCode: string, practitionerId: number): Promise<SessionFacts> {
    if (!SHORT_CODE.test(tokenOrCode) && this.tokens.verify(tokenOrCode, this.clock.now()) !== null) {
      return this.resolveSession(tokenOrCode, practitionerId);
    }
    const attemptId = await this.attempts.begin(practitionerId);
    let session: SessionFacts;
    try {
      session = await this.resolveSession(tokenOrCode, practitionerId);
    } catch (err) {
      if (!(err instanceof CheckinTokenInvalidError)) await this.attempts.drop(attemptId);
      throw err;
    }
    await this.attempts.drop(attemptId);
    return session;
  }

  /**
   * A practitioner scans in. Present, or late after 15 minutes; scanning again returns the same
   * record. A trainer's absent or excused mark is replaced by the scan: the person is here.
   */
  async checkIn(userId: number, tokenOrCode: string): Promise<{ result: CheckinResult; created: boolean }> {
    const record = await this.talent.requireOwnRecord(userId);
    const session = await this.sessionOf(tokenOrCode, record.id);
    if (session.classState !== 'scheduled') throw new CheckinTokenInvalidError();
    if (!(await this.enrollment.isEnrolled(record.id, session.classId))) {
      throw new ForbiddenError('你没有报名该开班（或仍在候补），不能签到', 'NOT_ENROLLED');
    }
    const now = this.clock.now();
    const where = { sessionId: session.id, practitionerId: record.id };
    try {
      return await this.db.writeTransaction(async (transaction) => {
        // held shared while written: a trainer changing or deleting the session waits, or goes first
        const held = await this.classes.holdSession(session.id, transaction);
        if (!held || held.classState !== 'scheduled') throw new CheckinTokenInvalidError();
        const status: ScanStatus = now.getTime() > held.startsAt.getTime() + LATE_AFTER_MS ? 'late' : 'present';
        const existing = await this.models.Attendance.findOne({ where, transaction });
        if (existing && (existing.status === 'present' || existing.status === 'late')) {
          return { result: toCheckin(existing), created: false };
        }
        if (existing) {
          await existing.update({ status, checkedInAt: now, markedBy: null }, { transaction });
          return { result: toCheckin(existing), created: true };
        }
        const row = await this.models.Attendance.create({ ...where, status, checkedInAt: now, markedBy: null }, { transaction });
        return { result: toCheckin(row), created: true };
      });
    } catch (err) {
      // Two scans at the same instant: the unique index kept one; answer with it.
      if (!(err instanceof UniqueConstraintError)) throw err;
      const winner = await this.models.Attendance.findOne({ where });
      if (!winner) throw err;
      return { result: toCheckin(winner), created: false };
    }
  }

  /** A trainer sets any status for an enrolled practitioner (audited). */
  async mark(actorId: number, sessionId: number, practitionerId: number, status: AttendanceStatus): Promise<AttendanceEntry> {
    const session = await this.openSession(sessionId);
    if (!(await this.enrollment.isEnrolled(practitionerId, session.classId))) throw new NotFoundError('该学员没有报名此开班');
    const where = { sessionId, practitionerId };
    await this.db.writeTransaction(async (transaction) => {
      // held shared while written, like a check-in (see ClassService.holdSession)
      const held = await this.classes.holdSession(sessionId, transaction);
      if (!held) throw new NotFoundError('课次不存在');
      if (held.classState !== 'scheduled') throw new ConflictError('开班已取消或已结业，不能再签到', 'CLASS_NOT_ACTIVE');
      const existing = await this.models.Attendance.findOne({ where, transaction, lock: transaction.LOCK.UPDATE });
      const before = existing ? { status: existing.status } : null;
      if (existing) await existing.update({ status, markedBy: actorId }, { transaction });
      else await this.models.Attendance.create({ ...where, status, checkedInAt: null, markedBy: actorId }, { transaction });
      await this.audit.record({ actorId, action: 'attendance.mark', entity: 'session', entityId: sessionId, district: await this.talent.districtOf(practitionerId, transaction), before: { practitionerId, ...before }, after: { practitionerId, status } }, transaction);
    });
    return (await this.list(sessionId)).items.find((e) => e.practitionerId === practitionerId)!;
  }

  /** Every enrolled practitioner of the session's class with their status for this session. */
  async list(sessionId: number): Promise<{ session: SessionFacts; items: AttendanceEntry[] }> {
    const session = await this.classes.sessionFacts(sessionId);
    const ids = await this.enrollment.enrolledPractitionerIds(session.classId);
    const [people, rows] = await Promise.all([
      this.talent.rosterSummaries(ids),
      this.models.Attendance.findAll({ where: { sessionId } }),
    ]);
    const byPerson = new Map(rows.map((r) => [r.practitionerId, r]));
    const items = ids.map((id) => {
      const row = byPerson.get(id);
      const person = people.get(id)!;
      return {
        practitionerId: id,
        name: person.name,
        orgName: person.orgName,
        status: row?.status ?? null,
        checkedInAt: row?.checkedInAt ?? null,
        markedByTrainer: row ? row.markedBy !== null : false,
      };
    });
    return { session, items };
  }

  /**
   * For a change to a session (SessionAttendance): its recorded statuses, read with a lock (FOR UPDATE
   * on MariaDB reads the newest committed rows, not the transaction's snapshot).
   */
  async statusesOfSession(sessionId: number, transaction: Transaction): Promise<AttendanceStatus[]> {
    const rows = await this.models.Attendance.findAll({ where: { sessionId }, attributes: ['id', 'status'], transaction, lock: transaction.LOCK.UPDATE });
    return rows.map((r) => r.status);
  }

  /**
   * Before a session is deleted (SessionAttendance), under its lock once nobody has checked in: its
   * absent/excused marks and typed codes go. Present and late rows are never removed here.
   */
  async releaseSession(sessionId: number, transaction: Transaction): Promise<{ practitionerId: number; status: AttendanceStatus }[]> {
    const where = { sessionId, status: ['absent', 'excused'] as AttendanceStatus[] };
    const rows = await this.models.Attendance.findAll({ where, attributes: ['id', 'practitionerId', 'status'], order: [['id', 'ASC']], transaction });
    await this.models.Attendance.destroy({ where, transaction });
    await this.models.CheckinCode.destroy({ where: { sessionId }, transaction });
    return rows.map((r) => ({ practitionerId: r.practitionerId, status: r.status }));
  }

  /** Every attendance entry of one practitioner (the PIPL data export). */
  async entriesOf(practitionerId: number) {
    const rows = await this.models.Attendance.findAll({ where: { practitionerId }, order: [['id', 'ASC']] });
    return rows.map((r) => ({ sessionId: r.sessionId, status: r.status, checkedInAt: r.checkedInAt, markedByTrainer: r.markedBy !== null }));
  }

  /** For completion: each practitioner's status per session of the class (missing = no record). */
  async statusesForSessions(sessionIds: number[]): Promise<Map<number, Map<number, AttendanceStatus>>> {
    const result = new Map<number, Map<number, AttendanceStatus>>();
    if (sessionIds.length === 0) return result;
    const rows = await this.models.Attendance.findAll({ where: { sessionId: sessionIds }, attributes: ['sessionId', 'practitionerId', 'status'] });
    for (const row of rows) {
      if (!result.has(row.practitionerId)) result.set(row.practitionerId, new Map());
      result.get(row.practitionerId)!.set(row.sessionId, row.status);
    }
    return result;
  }
}

function toCheckin(row: AttendanceRow): CheckinResult {
  return { sessionId: row.sessionId, status: row.status as ScanStatus, checkedInAt: row.checkedInAt! };
}
