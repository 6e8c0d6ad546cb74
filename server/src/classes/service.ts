import { col, fn, literal, Op, type Transaction, type WhereOptions } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { CatalogService, CourseFacts } from '../catalog/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors';
import { shanghaiDate } from '../platform/time';
import type { AttendanceStatus } from '../reference/vocabulary';
import { classDateProblems, sessionDateProblems } from './dates';
import type { ClassModels, ClassRow, ClassSessionRow, ClassState } from './models';
import type { ClassListQuery, ClassStatus, ClassView, CreateClassInput, SessionInput, SessionView, UpdateClassInput, UpdateSessionInput } from './schemas';
import { pastClassSql } from './timing';

/** The facts about a class that enrollment rules need, read under the class's row lock. */
export interface ClassFacts {
  id: number;
  courseId: number;
  title: string;
  endDate: string;
  capacity: number;
  status: ClassStatus;
  requiresApproval: boolean;
  cancelDeadline: Date | null;
}

export interface SessionFacts {
  id: number;
  classId: number;
  startsAt: Date;
  endsAt: Date;
  topic: string;
  classState: ClassState;
}

/** Seat counts come from the enrollment module; the class view only shows them. */
export interface SeatCounts {
  enrolled: number;
  waitlisted: number;
  pending: number;
}

/**
 * What attendance holds for a session, as changing or deleting the session needs it. The attendance
 * module provides it (AttendanceService, wired in app.ts): attendance builds on classes, so classes
 * is handed it rather than importing it.
 */
export interface SessionAttendance {
  /** The statuses recorded for the session, read with a lock inside the caller's transaction. */
  statusesOfSession(sessionId: number, transaction: Transaction): Promise<AttendanceStatus[]>;
  /** Removes the session's absent/excused marks and typed check-in codes before it is deleted; returns the marks removed. */
  releaseSession(sessionId: number, transaction: Transaction): Promise<{ practitionerId: number; status: AttendanceStatus }[]>;
}

/**
 * Why a session cannot be changed or deleted now, or null when it can: its class must still be
 * scheduled, and nobody may have checked in to it (present or late) — moving or removing a session
 * someone attended would rewrite what happened. Absent and excused marks do not stop a change.
 */
export function sessionChangeRefusal(classState: ClassState, statuses: readonly AttendanceStatus[]): { code: string; message: string } | null {
  if (classState === 'cancelled') return { code: 'CLASS_CANCELLED', message: '开班已取消，不能修改课次' };
  if (classState === 'completed') return { code: 'CLASS_COMPLETED', message: '开班已结业，不能修改课次' };
  if (statuses.some((s) => s === 'present' || s === 'late')) return { code: 'SESSION_HAS_CHECKINS', message: '该课次已有学员签到，不能修改或删除' };
  return null;
}

/**
 * Why a class cannot be completed (结业) now, or null when it can: it must still be scheduled, have
 * sessions, and its last session must have ended — completing earlier would mark everyone failed for
 * sessions that have not happened.
 */
export function completionRefusal(state: ClassState, lastSessionEndsAt: Date | null, now: Date): { code: string; message: string } | null {
  if (state === 'cancelled') return { code: 'CLASS_CANCELLED', message: '开班已取消，不能结业' };
  if (state === 'completed') return { code: 'CLASS_COMPLETED', message: '开班已结业' };
  if (lastSessionEndsAt === null) return { code: 'NO_SESSIONS', message: '该开班还没有安排课次，不能结业' };
  if (now.getTime() < lastSessionEndsAt.getTime()) return { code: 'SESSIONS_NOT_OVER', message: '最后一个课次结束后才能结业' };
  return null;
}

/** An admin may undo a completion done by mistake for this long after it. */
export const COMPLETION_UNDO_DAYS = 30;

/** Until when a completion can be undone, or null when it cannot (not completed, or too long ago). */
export function completionUndoableUntil(state: ClassState, completedAt: Date | null, now: Date): Date | null {
  if (state !== 'completed' || completedAt === null) return null;
  const until = new Date(completedAt.getTime() + COMPLETION_UNDO_DAYS * 24 * 60 * 60 * 1000);
  return now.getTime() < until.getTime() ? until : null;
}

/** Open for enrollment exactly while scheduled and inside its window. */
export function classStatus(row: Pick<ClassRow, 'state' | 'enrollOpensAt' | 'enrollClosesAt'>, now: Date): ClassStatus {
  if (row.state === 'cancelled' || row.state === 'completed') return row.state;
  return now >= row.enrollOpensAt && now < row.enrollClosesAt ? 'open' : 'closed';
}

const toSessionView = (row: ClassSessionRow): SessionView => ({
  id: row.id,
  classId: row.classId,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  topic: row.topic,
});

/**
 * Told, in the transaction, when a class's sessions change after publishing, so the people signed up
 * hear of it (enrollment knows them; classes sit below enrollment and are handed this function).
 */
export type ScheduleChanged = (change: { classId: number; classTitle: string; what: string[] }, transaction: Transaction) => Promise<void>;

export class ClassService {
  constructor(
    private readonly db: Database,
    private readonly models: ClassModels,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scheduleChanged: ScheduleChanged = async () => {},
  ) {}

  toView(row: ClassRow, course: CourseFacts, counts: SeatCounts, lastSessionEndsAt: Date | null): Omit<ClassView, 'myEnrollment'> {
    return {
      id: row.id,
      courseCode: course.code,
      courseTitle: course.title,
      category: course.category,
      creditHours: course.creditHours,
      title: row.title,
      location: row.location,
      startDate: row.startDate,
      endDate: row.endDate,
      capacity: row.capacity,
      enrollOpensAt: row.enrollOpensAt,
      enrollClosesAt: row.enrollClosesAt,
      cancelDeadline: row.cancelDeadline,
      requiresApproval: row.requiresApproval,
      status: classStatus(row, this.clock.now()),
      enrolledCount: counts.enrolled,
      seatsLeft: Math.max(0, row.capacity - counts.enrolled),
      waitlistCount: counts.waitlisted,
      pendingCount: counts.pending,
      lastSessionEndsAt,
      completable: completionRefusal(row.state, lastSessionEndsAt, this.clock.now()) === null,
      completedAt: row.completedAt,
      completionUndoableUntil: completionUndoableUntil(row.state, row.completedAt, this.clock.now()),
    };
  }

  /** When each class's last session ends (a class without sessions is absent). */
  async lastSessionEnds(classIds: number[], transaction?: Transaction): Promise<Map<number, Date>> {
    if (classIds.length === 0) return new Map();
    const rows = (await this.models.ClassSession.findAll({
      where: { classId: classIds },
      attributes: ['classId', [fn('MAX', col('ends_at')), 'lastEnd']],
      group: ['classId'],
      raw: true,
      transaction,
    })) as unknown as { classId: number; lastEnd: string | Date }[];
    return new Map(rows.map((r) => [Number(r.classId), new Date(r.lastEnd)]));
  }

  /** Refuses (409, with the reason's code) a completion that is not possible now; inside the completion's transaction. */
  async requireCompletable(classId: number, transaction: Transaction): Promise<void> {
    const row = await this.models.Class.findByPk(classId, { transaction });
    if (!row) throw new NotFoundError('开班不存在');
    const refusal = completionRefusal(row.state, (await this.lastSessionEnds([classId], transaction)).get(classId) ?? null, this.clock.now());
    if (refusal) throw new ConflictError(refusal.message, refusal.code);
  }

  async create(actorId: number, input: CreateClassInput): Promise<ClassRow> {
    return this.db.writeTransaction(async (transaction) => {
      const course = await this.catalog.activeCourseFacts(input.courseCode, transaction);
      const row = await this.models.Class.create(
        {
          courseId: course.id,
          title: input.title,
          location: input.location,
          startDate: input.startDate,
          endDate: input.endDate,
          capacity: input.capacity,
          enrollOpensAt: input.enrollOpensAt,
          enrollClosesAt: input.enrollClosesAt,
          cancelDeadline: input.cancelDeadline ?? null,
          requiresApproval: input.requiresApproval ?? false,
          state: 'scheduled',
          createdBy: actorId,
        },
        { transaction },
      );
      await this.audit.record({ actorId, action: 'class.create', entity: 'class', entityId: row.id, after: { courseCode: course.code, title: row.title, capacity: row.capacity } }, transaction);
      // a bad session fails the whole request: no class without the sessions that were asked for
      for (const [i, session] of (input.sessions ?? []).entries()) await this.insertSession(actorId, row, session, transaction, `sessions.${i}.`);
      return row;
    });
  }

  async findRow(id: number): Promise<ClassRow> {
    const row = await this.models.Class.findByPk(id);
    if (!row) throw new NotFoundError('开班不存在');
    return row;
  }

  async list(query: ClassListQuery): Promise<{ rows: ClassRow[]; total: number }> {
    const now = this.clock.now();
    const where: WhereOptions<ClassRow> = {};
    const and: WhereOptions<ClassRow>[] = [];
    if (query.courseCode) {
      const course = await this.catalog.factsByCode(query.courseCode);
      if (!course) return { rows: [], total: 0 };
      where.courseId = course.id;
    }
    if (query.status === 'cancelled' || query.status === 'completed') where.state = query.status;
    if (query.status === 'open') and.push({ state: 'scheduled', enrollOpensAt: { [Op.lte]: now }, enrollClosesAt: { [Op.gt]: now } });
    if (query.status === 'closed') and.push({ state: 'scheduled', [Op.or]: [{ enrollOpensAt: { [Op.gt]: now } }, { enrollClosesAt: { [Op.lte]: now } }] });
    if (query.from) and.push({ endDate: { [Op.gte]: query.from } });
    if (query.to) and.push({ startDate: { [Op.lte]: query.to } });
    const past = pastClassSql(shanghaiDate(now));
    if (query.when === 'past') and.push(literal(past) as unknown as WhereOptions<ClassRow>);
    if (query.when === 'current') and.push(literal(`NOT ${past}`) as unknown as WhereOptions<ClassRow>);
    const { rows, count } = await this.models.Class.findAndCountAll({
      where: and.length ? { ...where, [Op.and]: and } : where,
      // current classes first, soonest start first; then past ones, the most recently ended first
      // (each CASE is NULL only in the other group, so how a database sorts NULL never matters)
      order: [
        [literal(`CASE WHEN ${past} THEN 1 ELSE 0 END`), 'ASC'],
        [literal(`CASE WHEN ${past} THEN NULL ELSE start_date END`), 'ASC'],
        [literal(`CASE WHEN ${past} THEN end_date ELSE NULL END`), 'DESC'],
        [literal(`CASE WHEN ${past} THEN start_date ELSE NULL END`), 'DESC'],
        ['id', 'ASC'],
      ],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { rows, total: count };
  }

  /** Upcoming (not yet ended, not cancelled) classes of a course, soonest first. */
  async upcomingOfCourse(courseId: number): Promise<ClassRow[]> {
    return this.models.Class.findAll({
      where: { courseId, state: 'scheduled', endDate: { [Op.gte]: shanghaiDate(this.clock.now()) } },
      order: [['startDate', 'ASC'], ['id', 'ASC']],
      limit: 50,
    });
  }

  /**
   * Locks the class row for the rest of the transaction: every change to a class's seats runs
   * behind this lock (FOR UPDATE on MariaDB; SQLite's IMMEDIATE transaction holds the whole database).
   */
  async lockForSeats(id: number, transaction: Transaction): Promise<ClassFacts> {
    const row = await this.models.Class.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw new NotFoundError('开班不存在');
    return {
      id: row.id,
      courseId: row.courseId,
      title: row.title,
      endDate: row.endDate,
      capacity: row.capacity,
      status: classStatus(row, this.clock.now()),
      requiresApproval: row.requiresApproval,
      cancelDeadline: row.cancelDeadline,
    };
  }

  /**
   * Applies a change to a locked class. Seat consequences (capacity vs enrolled, promotion,
   * cancelling enrollments) are the enrollment module's, which calls this inside its transaction.
   */
  async applyChange(actorId: number, id: number, patch: UpdateClassInput, transaction: Transaction): Promise<{ before: ClassRow; after: ClassRow }> {
    const row = await this.models.Class.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw new NotFoundError('开班不存在');
    if (row.state !== 'scheduled') throw new ConflictError(row.state === 'cancelled' ? '开班已取消，不能修改' : '开班已结业，不能修改');
    const before = row.get({ plain: true, clone: true }) as ClassRow;
    const merged = {
      startDate: patch.startDate ?? row.startDate,
      endDate: patch.endDate ?? row.endDate,
      enrollOpensAt: patch.enrollOpensAt ?? row.enrollOpensAt,
      enrollClosesAt: patch.enrollClosesAt ?? row.enrollClosesAt,
    };
    const problems = classDateProblems(merged);
    if (problems.length) throw new ValidationError(problems);
    const { status, ...fields } = patch;
    await row.update({ ...fields, ...(status === 'cancelled' ? { state: 'cancelled' as const } : {}) }, { transaction });
    const after = row.get({ plain: true, clone: true }) as ClassRow;
    await this.audit.record(
      { actorId, action: status === 'cancelled' ? 'class.cancel' : 'class.update', entity: 'class', entityId: id, before: pick(before, patch), after: pick(after, patch) },
      transaction,
    );
    return { before, after: row };
  }

  async addSession(actorId: number, classId: number, input: SessionInput): Promise<SessionView> {
    return this.db.writeTransaction(async (transaction) => {
      const row = await this.models.Class.findByPk(classId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row) throw new NotFoundError('开班不存在');
      if (row.state !== 'scheduled') throw new ConflictError('开班已取消或已结业，不能再安排课次');
      const session = await this.insertSession(actorId, row, input, transaction, '');
      await this.scheduleChanged({ classId: row.id, classTitle: row.title, what: ['课次安排'] }, transaction);
      return toSessionView(session);
    });
  }

  /** A session within the class's dates (Shanghai days); `path` prefixes the field in a validation error. */
  private async insertSession(actorId: number, row: ClassRow, input: SessionInput, transaction: Transaction, path: string) {
    const problems = sessionDateProblems(row, input, path);
    if (problems.length) throw new ValidationError(problems);
    const session = await this.models.ClassSession.create({ classId: row.id, startsAt: input.startsAt, endsAt: input.endsAt, topic: input.topic }, { transaction });
    await this.audit.record({ actorId, action: 'session.create', entity: 'class', entityId: row.id, after: { sessionId: session.id, topic: session.topic } }, transaction);
    return session;
  }

  /**
   * Locks a session for a change: its class's row first (the order every class write takes, so a
   * completion or a new session cannot interleave), then the session's row, which check-ins hold
   * shared (`holdSession`) while they write. Refuses (409) by `sessionChangeRefusal`, with the
   * session's attendance read under the same locks.
   */
  private async lockSessionForChange(sessionId: number, attendance: SessionAttendance, transaction: Transaction): Promise<{ cls: ClassRow; session: ClassSessionRow }> {
    const found = await this.models.ClassSession.findByPk(sessionId, { attributes: ['id', 'classId'], transaction });
    if (!found) throw new NotFoundError('课次不存在');
    const cls = await this.models.Class.findByPk(found.classId, { transaction, lock: transaction.LOCK.UPDATE });
    const session = await this.models.ClassSession.findByPk(sessionId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!cls || !session) throw new NotFoundError('课次不存在');
    const refusal = sessionChangeRefusal(cls.state, await attendance.statusesOfSession(sessionId, transaction));
    if (refusal) throw new ConflictError(refusal.message, refusal.code);
    return { cls, session };
  }

  /** A trainer moves or renames a session nobody has checked in to (audited as session.update). */
  async changeSession(actorId: number, sessionId: number, patch: UpdateSessionInput, attendance: SessionAttendance): Promise<SessionView> {
    return this.db.writeTransaction(async (transaction) => {
      const { cls, session } = await this.lockSessionForChange(sessionId, attendance, transaction);
      const before = toSessionView(session);
      const merged = { startsAt: patch.startsAt ?? session.startsAt, endsAt: patch.endsAt ?? session.endsAt };
      const problems = sessionDateProblems(cls, merged);
      if (problems.length) throw new ValidationError(problems);
      await session.update({ ...merged, topic: patch.topic ?? session.topic }, { transaction });
      const after = toSessionView(session);
      await this.audit.record({ actorId, action: 'session.update', entity: 'class', entityId: cls.id, before: sessionAudit(before), after: sessionAudit(after) }, transaction);
      if (+new Date(before.startsAt) !== +new Date(after.startsAt) || +new Date(before.endsAt) !== +new Date(after.endsAt) || before.topic !== after.topic) {
        await this.scheduleChanged({ classId: cls.id, classTitle: cls.title, what: ['课次安排'] }, transaction);
      }
      return after;
    });
  }

  /**
   * A trainer deletes a session nobody has checked in to. Its absent/excused marks and typed codes go
   * with it (they describe a meeting that will not happen); the audit entry (session.delete) keeps
   * the session and the marks removed.
   */
  async removeSession(actorId: number, sessionId: number, attendance: SessionAttendance): Promise<void> {
    await this.db.writeTransaction(async (transaction) => {
      const { cls, session } = await this.lockSessionForChange(sessionId, attendance, transaction);
      const before = toSessionView(session);
      const marksRemoved = await attendance.releaseSession(sessionId, transaction);
      await session.destroy({ transaction });
      await this.audit.record({ actorId, action: 'session.delete', entity: 'class', entityId: cls.id, before: { ...sessionAudit(before), marksRemoved } }, transaction);
      await this.scheduleChanged({ classId: cls.id, classTitle: cls.title, what: ['课次安排'] }, transaction);
    });
  }

  /**
   * Holds a session for a check-in or a mark being written: a shared lock on its row (FOR SHARE on
   * MariaDB; SQLite's IMMEDIATE transaction holds the whole database), so a change or deletion
   * (`lockSessionForChange`) waits for the check-in, or the check-in sees the session as it is
   * afterwards. Null when the session is gone.
   */
  async holdSession(sessionId: number, transaction: Transaction): Promise<SessionFacts | null> {
    const session = await this.models.ClassSession.findByPk(sessionId, { transaction, lock: transaction.LOCK.SHARE });
    if (!session) return null;
    const cls = await this.models.Class.findByPk(session.classId, { attributes: ['id', 'state'], transaction });
    return { id: session.id, classId: session.classId, startsAt: session.startsAt, endsAt: session.endsAt, topic: session.topic, classState: cls!.state };
  }

  /** Completion closes the class for good: no more sign-ups, sessions or check-ins. */
  async markCompleted(actorId: number, id: number, transaction: Transaction): Promise<void> {
    await this.models.Class.update({ state: 'completed', completedAt: this.clock.now() }, { where: { id, state: 'scheduled' }, transaction });
    await this.audit.record({ actorId, action: 'class.complete', entity: 'class', entityId: id, before: { state: 'scheduled' }, after: { state: 'completed' } }, transaction);
  }

  /** Which round of completion the class is in (0 until a completion is undone), inside the completion's transaction. */
  async completionRound(classId: number, transaction: Transaction): Promise<number> {
    const row = await this.models.Class.findByPk(classId, { attributes: ['completionRound'], transaction });
    if (!row) throw new NotFoundError('开班不存在');
    return row.completionRound;
  }

  /**
   * The first step of undoing a completion, behind the class's row lock: refuses (409) a class that is
   * not completed or was completed too long ago, and puts it back to scheduled in the next round.
   * Returns the round whose awards are to be withdrawn.
   */
  async reopenCompleted(actorId: number, classId: number, reason: string, transaction: Transaction): Promise<number> {
    const row = await this.models.Class.findByPk(classId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw new NotFoundError('开班不存在');
    if (row.state !== 'completed') throw new ConflictError('该开班尚未结业', 'NOT_COMPLETED');
    if (!completionUndoableUntil(row.state, row.completedAt, this.clock.now())) throw new ConflictError(`结业超过 ${COMPLETION_UNDO_DAYS} 天，不能撤销；如需更正请做学时调整`, 'UNDO_WINDOW_PASSED');
    const round = row.completionRound;
    await row.update({ state: 'scheduled', completedAt: null, completionRound: round + 1 }, { transaction });
    await this.audit.record({ actorId, action: 'class.completion.undo', entity: 'class', entityId: classId, before: { state: 'completed', round }, after: { state: 'scheduled', round: round + 1, reason } }, transaction);
    return round;
  }

  async sessionIds(classId: number, transaction?: Transaction): Promise<number[]> {
    const rows = await this.models.ClassSession.findAll({ where: { classId }, attributes: ['id'], order: [['startsAt', 'ASC']], transaction });
    return rows.map((r) => r.id);
  }

  /** Sessions of scheduled classes starting in [from, to), with their class's title and place (for reminders). */
  async sessionsStartingBetween(from: Date, to: Date): Promise<{ id: number; classId: number; classTitle: string; topic: string; startsAt: Date; location: string }[]> {
    const sessions = await this.models.ClassSession.findAll({ where: { startsAt: { [Op.gte]: from, [Op.lt]: to } }, order: [['startsAt', 'ASC']] });
    if (sessions.length === 0) return [];
    const classes = await this.models.Class.findAll({ where: { id: [...new Set(sessions.map((s) => s.classId))], state: 'scheduled' }, attributes: ['id', 'title', 'location'] });
    const byId = new Map(classes.map((c) => [c.id, c]));
    return sessions.flatMap((s) => {
      const cls = byId.get(s.classId);
      return cls ? [{ id: s.id, classId: s.classId, classTitle: cls.title, topic: s.topic, startsAt: s.startsAt, location: cls.location }] : [];
    });
  }

  /** A session and the state of its class, for attendance. */
  async sessionFacts(sessionId: number): Promise<SessionFacts> {
    const session = await this.models.ClassSession.findByPk(sessionId);
    if (!session) throw new NotFoundError('课次不存在');
    const cls = await this.models.Class.findByPk(session.classId, { attributes: ['id', 'state'] });
    return { id: session.id, classId: session.classId, startsAt: session.startsAt, endsAt: session.endsAt, topic: session.topic, classState: cls!.state };
  }

  async sessions(classId: number): Promise<SessionView[]> {
    await this.findRow(classId);
    const rows = await this.models.ClassSession.findAll({ where: { classId }, order: [['startsAt', 'ASC'], ['id', 'ASC']] });
    return rows.map(toSessionView);
  }
}

function sessionAudit(s: SessionView): Record<string, unknown> {
  return { sessionId: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), topic: s.topic };
}

function pick(row: ClassRow, patch: UpdateClassInput): Record<string, unknown> {
  const keys = Object.keys(patch).map((k) => (k === 'status' ? 'state' : k));
  return Object.fromEntries(keys.map((k) => [k, (row as unknown as Record<string, unknown>)[k]]));
}
