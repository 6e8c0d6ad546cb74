import { fn, col, Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { AccountService } from '../accounts/service';
import type { AuditService } from '../audit/service';
import type { ClassFacts, ClassService, SeatCounts } from '../classes/service';
import type { UpdateClassInput } from '../classes/schemas';
import type { NotificationEvent } from '../notifications/messages';
import type { NotificationService } from '../notifications/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError } from '../platform/errors';
import type { Category, TitleLevel } from '../reference/vocabulary';
import type { TalentService } from '../talent/service';
import { type ActiveEnrollmentFacts, type ActiveStatus, type EnrollmentModels, type EnrollmentStatus, type SeatTally } from './models';


export interface EnrollmentOutcome {
  id: number;
  classId: number;
  status: ActiveStatus;
  waitlistPosition?: number;
}

export interface MyEnrollmentEntry {
  id: number;
  classId: number;
  status: EnrollmentStatus;
  waitlistPosition?: number;
  createdAt: Date;
}

export interface RosterEntry {
  id: number;
  practitionerId: number;
  name: string;
  phoneMasked: string | null;
  orgName: string;
  district: string;
  districtName: string;
  category: Category;
  titleLevel: TitleLevel;
  status: EnrollmentStatus;
  waitlistPosition?: number;
  createdAt: Date;
}

const EMPTY_COUNTS: SeatCounts = { enrolled: 0, waitlisted: 0, pending: 0 };

export type { SeatTally };

export type Placement =
  | { status: 'enrolled'; waitlistSeq: null; waitlistPosition?: undefined }
  | { status: 'waitlisted'; waitlistSeq: number; waitlistPosition: number }
  | { status: 'pending'; waitlistSeq: null; waitlistPosition?: undefined };

/** A free seat if there is one, else the end of the waitlist (everyone waiting is ahead). */
export function placement(capacity: number, tally: SeatTally): Placement {
  if (tally.enrolled < capacity) return { status: 'enrolled', waitlistSeq: null };
  return { status: 'waitlisted', waitlistSeq: tally.lastSeq + 1, waitlistPosition: tally.waitlisted + 1 };
}

/** What people signed up for a class are told changed: its name, place and dates (not capacity or sign-up windows). */
export function changedForPeople(
  before: { title: string; location: string | null; startDate: string; endDate: string },
  after: { title: string; location: string | null; startDate: string; endDate: string },
): string[] {
  const what: string[] = [];
  if (before.title !== after.title) what.push('名称');
  if ((before.location ?? '') !== (after.location ?? '')) what.push('上课地点');
  if (before.startDate !== after.startDate || before.endDate !== after.endDate) what.push('开课日期');
  return what;
}

export class EnrollmentService {
  constructor(
    private readonly db: Database,
    private readonly models: EnrollmentModels,
    private readonly classes: ClassService,
    private readonly talent: TalentService,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /** Tells these practitioners (those with an account) what happened, in the change's transaction. */
  private async tell(event: NotificationEvent, eventKey: string, practitionerIds: number[], transaction: Transaction): Promise<void> {
    const accounts = await this.talent.accountsOf(practitionerIds, transaction);
    await this.notifications.notify(event, eventKey, [...accounts.values()], transaction);
  }

  /** Who is signed up for the class in any active way (a seat, the waitlist, awaiting approval). */
  private async activePractitionerIds(classId: number, transaction: Transaction): Promise<number[]> {
    const rows = await this.models.Enrollment.findAll({ where: { classId, active: true }, attributes: ['practitionerId'], transaction });
    return rows.map((r) => r.practitionerId);
  }

  /** A class's sessions changed (classes tell us through ScheduleChanged): everyone signed up hears of it. */
  async tellScheduleChanged(change: { classId: number; classTitle: string; what: string[] }, transaction: Transaction): Promise<void> {
    const people = await this.activePractitionerIds(change.classId, transaction);
    await this.tell({ kind: 'class_changed', ...change }, `class:${change.classId}:changed:${this.clock.now().getTime()}`, people, transaction);
  }

  private async practitionerIdOf(userId: number): Promise<number> {
    return (await this.talent.requireOwnRecord(userId)).id;
  }

  private async countEnrolled(classId: number, transaction: Transaction): Promise<number> {
    return this.models.Enrollment.count({ where: { classId, status: 'enrolled' }, transaction });
  }

  private async waitlistPosition(row: ActiveEnrollmentFacts, transaction?: Transaction): Promise<number | undefined> {
    if (row.status !== 'waitlisted' || row.waitlistSeq === null) return undefined;
    const ahead = await this.models.Enrollment.count({
      where: { classId: row.classId, status: 'waitlisted', waitlistSeq: { [Op.lt]: row.waitlistSeq } },
      transaction,
    });
    return ahead + 1;
  }

  private async outcome(row: ActiveEnrollmentFacts, transaction?: Transaction): Promise<EnrollmentOutcome> {
    const position = await this.waitlistPosition(row, transaction);
    return { id: row.id, classId: row.classId, status: row.status as ActiveStatus, ...(position ? { waitlistPosition: position } : {}) };
  }

  /** Seats taken, the waitlist's length and its last number, in one read of the class's enrollments (index only). */
  private async seatTally(classId: number, transaction: Transaction): Promise<SeatTally> {
    return this.models.signUpQueries.seatTally(classId, transaction);
  }

  /** Places a new or approved enrollment: a free seat if there is one, else the end of the waitlist. Runs under the class lock. */
  private async seatOrWaitlist(cls: ClassFacts, transaction: Transaction): Promise<Placement> {
    return placement(cls.capacity, await this.seatTally(cls.id, transaction));
  }

  /** Gives every free seat to the earliest waitlisted enrollments. Runs under the class lock. */
  private async fillFreeSeats(cls: ClassFacts, transaction: Transaction): Promise<number> {
    const free = cls.capacity - (await this.countEnrolled(cls.id, transaction));
    if (free <= 0) return 0;
    const next = await this.models.Enrollment.findAll({
      where: { classId: cls.id, status: 'waitlisted' },
      order: [['waitlistSeq', 'ASC']],
      limit: free,
      transaction,
    });
    for (const row of next) {
      await row.update({ status: 'enrolled' }, { transaction });
      await this.tell({ kind: 'waitlist_promoted', classId: cls.id, classTitle: cls.title }, `enrollment:${row.id}:promoted`, [row.practitionerId], transaction);
    }
    return next.length;
  }

  /**
   * A practitioner signs up. The same call again returns the same enrollment; otherwise, behind the
   * class's row lock, a seat, the waitlist, or (classes needing approval) pending, which holds no seat.
   */
  async enroll(userId: number, classId: number): Promise<{ enrollment: EnrollmentOutcome; created: boolean }> {
    const practitionerId = await this.practitionerIdOf(userId);
    // A repeated tap is answered from its row without joining the writers. Two first taps at once both
    // pass here: the unique index stops the second, which is answered with the first's row below.
    const existing = await this.models.signUpQueries.activeOf(classId, practitionerId);
    if (existing) return { enrollment: await this.outcome(existing), created: false };
    try {
      return await this.db.writeTransaction(async (transaction) => {
        const cls = await this.classes.lockForSeats(classId, transaction);
        if (cls.status !== 'open') {
          const why = { cancelled: '该开班已取消', completed: '该开班已结业', closed: '不在报名时间内' } as const;
          throw new ConflictError(`报名已截止：${why[cls.status as keyof typeof why]}`, 'ENROLLMENT_CLOSED');
        }
        const placed: Placement = cls.requiresApproval ? { status: 'pending', waitlistSeq: null } : await this.seatOrWaitlist(cls, transaction);
        const { waitlistPosition, ...fields } = placed;
        const id = await this.models.signUpQueries.insertActive({ classId, practitionerId, ...fields }, transaction);
        await this.notifications.notify(
          { kind: 'enrollment_placed', classId, classTitle: cls.title, status: placed.status, ...(waitlistPosition ? { waitlistPosition } : {}) },
          `enrollment:${id}:placed`,
          [userId],
          transaction,
        );
        return { enrollment: { id, classId, status: placed.status, ...(waitlistPosition ? { waitlistPosition } : {}) }, created: true };
      });
    } catch (err) {
      // The unique index is the last word on "one active enrollment": a lost race answers with the winner.
      if (!(err instanceof UniqueConstraintError)) throw err;
      const winner = await this.models.signUpQueries.activeOf(classId, practitionerId);
      if (!winner) throw err;
      return { enrollment: await this.outcome(winner), created: false };
    }
  }

  /** A practitioner withdraws; a seat they held goes at once to the earliest on the waitlist. */
  async cancelMine(userId: number, classId: number): Promise<{ status: 'cancelled' }> {
    const practitionerId = await this.practitionerIdOf(userId);
    return this.db.writeTransaction(async (transaction) => {
      const cls = await this.classes.lockForSeats(classId, transaction);
      const row = await this.models.Enrollment.findOne({ where: { classId, practitionerId, active: true }, transaction });
      if (!row) throw new NotFoundError('你没有报名该开班');
      if (cls.cancelDeadline && this.clock.now() > cls.cancelDeadline) {
        throw new ConflictError('已过取消报名截止时间，如需取消请联系培训基地', 'CANCEL_DEADLINE_PASSED');
      }
      const heldSeat = row.status === 'enrolled';
      await row.update({ status: 'cancelled', active: null, endedAt: this.clock.now() }, { transaction });
      if (heldSeat) await this.fillFreeSeats(cls, transaction);
      return { status: 'cancelled' as const };
    });
  }

  /**
   * The holder is erasing their account: every active enrollment ends (the cancel deadline is for
   * people who stay), each seat going to the waitlist as on any cancel. Returns how many ended.
   */
  async withdrawAll(practitionerId: number): Promise<number> {
    const active = await this.models.Enrollment.findAll({ where: { practitionerId, active: true }, attributes: ['classId'] });
    for (const { classId } of active) {
      await this.db.writeTransaction(async (transaction) => {
        const cls = await this.classes.lockForSeats(classId, transaction);
        const row = await this.models.Enrollment.findOne({ where: { classId, practitionerId, active: true }, transaction });
        if (!row) return;
        const heldSeat = row.status === 'enrolled';
        await row.update({ status: 'cancelled', active: null, endedAt: this.clock.now() }, { transaction });
        if (heldSeat && cls.status !== 'completed' && cls.status !== 'cancelled') await this.fillFreeSeats(cls, transaction);
      });
    }
    return active.length;
  }

  /** Approving a pending enrollment places it like a new one (a seat or the end of the waitlist). */
  async approve(actorId: number, enrollmentId: number): Promise<EnrollmentOutcome> {
    return this.db.writeTransaction(async (transaction) => {
      const classId = await this.classIdOf(enrollmentId, transaction);
      const cls = await this.classes.lockForSeats(classId, transaction);
      const row = (await this.models.Enrollment.findByPk(enrollmentId, { transaction }))!;
      if (row.status === 'enrolled' || row.status === 'waitlisted') return this.outcome(row, transaction);
      if (row.status !== 'pending') throw new ConflictError('只能审核待审核的报名', 'NOT_PENDING');
      if (cls.status === 'cancelled' || cls.status === 'completed') throw new ConflictError('开班已取消或已结业', 'ENROLLMENT_CLOSED');
      const { waitlistPosition: _position, ...placed } = await this.seatOrWaitlist(cls, transaction);
      await row.update({ ...placed, decidedBy: actorId }, { transaction });
      await this.audit.record({ actorId, action: 'enrollment.approve', entity: 'enrollment', entityId: row.id, district: await this.talent.districtOf(row.practitionerId, transaction), before: { status: 'pending' }, after: { status: row.status } }, transaction);
      await this.tell({ kind: 'enrollment_approved', classId, classTitle: cls.title, status: row.status as 'enrolled' | 'waitlisted' }, `enrollment:${row.id}:approved`, [row.practitionerId], transaction);
      return this.outcome(row, transaction);
    });
  }

  /** Rejecting frees nothing: a pending enrollment never held a seat. */
  async reject(actorId: number, enrollmentId: number, reason: string | undefined): Promise<{ id: number; status: 'rejected' }> {
    return this.db.writeTransaction(async (transaction) => {
      const classId = await this.classIdOf(enrollmentId, transaction);
      const cls = await this.classes.lockForSeats(classId, transaction);
      const row = (await this.models.Enrollment.findByPk(enrollmentId, { transaction }))!;
      if (row.status === 'rejected') return { id: row.id, status: 'rejected' as const };
      if (row.status !== 'pending') throw new ConflictError('只能驳回待审核的报名', 'NOT_PENDING');
      await row.update({ status: 'rejected', active: null, decidedBy: actorId, endedAt: this.clock.now() }, { transaction });
      await this.audit.record({ actorId, action: 'enrollment.reject', entity: 'enrollment', entityId: row.id, district: await this.talent.districtOf(row.practitionerId, transaction), before: { status: 'pending' }, after: { status: 'rejected', reason: reason ?? null } }, transaction);
      await this.tell({ kind: 'enrollment_rejected', classId, classTitle: cls.title, reason: reason ?? null }, `enrollment:${row.id}:rejected`, [row.practitionerId], transaction);
      return { id: row.id, status: 'rejected' as const };
    });
  }

  private async classIdOf(enrollmentId: number, transaction: Transaction): Promise<number> {
    const row = await this.models.Enrollment.findByPk(enrollmentId, { attributes: ['classId'], transaction });
    if (!row) throw new NotFoundError('报名记录不存在');
    return row.classId;
  }

  /**
   * A trainer changes a class. Seats follow in the same transaction: capacity may not drop below the
   * enrolled count; freed capacity goes to the waitlist; a cancelled class cancels every enrollment.
   */
  async changeClass(actorId: number, classId: number, patch: UpdateClassInput): Promise<void> {
    await this.db.writeTransaction(async (transaction) => {
      const cls = await this.classes.lockForSeats(classId, transaction);
      if (patch.capacity !== undefined) {
        const enrolled = await this.countEnrolled(classId, transaction);
        if (patch.capacity < enrolled) {
          throw new ConflictError(`已有 ${enrolled} 人报名成功，名额不能少于 ${enrolled}`, 'CAPACITY_BELOW_ENROLLED', [
            { path: 'capacity', message: `不能少于已报名人数 ${enrolled}` },
          ]);
        }
      }
      const { before, after } = await this.classes.applyChange(actorId, classId, patch, transaction);
      const signedUp = await this.activePractitionerIds(classId, transaction);
      if (patch.status === 'cancelled') {
        await this.tell({ kind: 'class_cancelled', classId, classTitle: after.title }, `class:${classId}:cancelled`, signedUp, transaction);
        await this.models.Enrollment.update(
          { status: 'cancelled', active: null, endedAt: this.clock.now() },
          { where: { classId, active: true }, transaction },
        );
        return;
      }
      const what = changedForPeople(before, after);
      if (what.length) await this.tell({ kind: 'class_changed', classId, classTitle: after.title, what }, `class:${classId}:changed:${this.clock.now().getTime()}`, signedUp, transaction);
      await this.fillFreeSeats({ ...cls, capacity: patch.capacity ?? cls.capacity }, transaction);
    });
  }

  /** Whether this practitioner holds a seat in the class (enrolled, not waitlisted or pending). */
  async isEnrolled(practitionerId: number, classId: number): Promise<boolean> {
    return (await this.models.Enrollment.count({ where: { practitionerId, classId, status: 'enrolled' } })) > 0;
  }

  /** Who holds a seat in the class. */
  async enrolledPractitionerIds(classId: number, transaction?: Transaction): Promise<number[]> {
    const rows = await this.models.Enrollment.findAll({ where: { classId, status: 'enrolled' }, attributes: ['practitionerId'], order: [['id', 'ASC']], transaction });
    return rows.map((r) => r.practitionerId);
  }

  /** Records how each seat ended when the class is completed. */
  async recordOutcomes(classId: number, outcomes: Map<number, 'completed' | 'failed'>, transaction: Transaction): Promise<void> {
    for (const outcome of ['completed', 'failed'] as const) {
      const ids = [...outcomes].filter(([, o]) => o === outcome).map(([id]) => id);
      if (ids.length) await this.models.Enrollment.update({ outcome }, { where: { classId, status: 'enrolled', practitionerId: ids }, transaction });
    }
  }

  /** An undone completion: nobody has completed or failed the class any more. */
  async clearOutcomes(classId: number, transaction: Transaction): Promise<void> {
    await this.models.Enrollment.update({ outcome: null }, { where: { classId }, transaction });
  }

  async outcomes(classId: number, transaction?: Transaction): Promise<{ practitionerId: number; outcome: 'completed' | 'failed' }[]> {
    const rows = await this.models.Enrollment.findAll({ where: { classId, status: 'enrolled' }, attributes: ['practitionerId', 'outcome'], order: [['id', 'ASC']], transaction });
    return rows.filter((r) => r.outcome).map((r) => ({ practitionerId: r.practitionerId, outcome: r.outcome! }));
  }

  async countsFor(classIds: number[]): Promise<Map<number, SeatCounts>> {
    const result = new Map<number, SeatCounts>();
    if (classIds.length === 0) return result;
    const rows = (await this.models.Enrollment.findAll({
      attributes: ['classId', 'status', [fn('COUNT', col('id')), 'n']],
      where: { classId: classIds, active: true },
      group: ['classId', 'status'],
      raw: true,
    })) as unknown as { classId: number; status: ActiveStatus; n: number | string }[];
    for (const id of classIds) result.set(id, { ...EMPTY_COUNTS });
    for (const r of rows) result.get(r.classId)![r.status] = Number(r.n);
    return result;
  }

  /** The signed-in practitioner's active enrollment in each of these classes, with waitlist positions. */
  async mineFor(userId: number, classIds: number[]): Promise<Map<number, EnrollmentOutcome>> {
    const record = await this.talent.getOwnRecord(userId);
    const result = new Map<number, EnrollmentOutcome>();
    if (!record || classIds.length === 0) return result;
    const rows = await this.models.Enrollment.findAll({ where: { practitionerId: record.id, classId: classIds, active: true } });
    for (const row of rows) result.set(row.classId, await this.outcome(row));
    return result;
  }

  /** Every enrollment of the signed-in practitioner, newest first, with waitlist positions. */
  async myEnrollments(userId: number): Promise<MyEnrollmentEntry[]> {
    const record = await this.talent.getOwnRecord(userId);
    return record ? this.enrollmentsOf(record.id) : [];
  }

  /** A practitioner's enrollments, newest first (the office's view of one person uses it too). */
  async enrollmentsOf(practitionerId: number): Promise<MyEnrollmentEntry[]> {
    const rows = await this.models.Enrollment.findAll({ where: { practitionerId }, order: [['id', 'DESC']], limit: 200 });
    const out: MyEnrollmentEntry[] = [];
    for (const row of rows) {
      const position = await this.waitlistPosition(row);
      out.push({ id: row.id, classId: row.classId, status: row.status, createdAt: row.createdAt, ...(position ? { waitlistPosition: position } : {}) });
    }
    return out;
  }

  /** The roster of a class, enrolled first then the waitlist in order, then pending and ended ones. */
  async roster(classId: number, status?: EnrollmentStatus): Promise<RosterEntry[]> {
    await this.classes.findRow(classId);
    const rows = await this.models.Enrollment.findAll({ where: { classId, ...(status ? { status } : {}) }, order: [['id', 'ASC']] });
    const order: Record<EnrollmentStatus, number> = { enrolled: 0, waitlisted: 1, pending: 2, rejected: 3, cancelled: 4 };
    rows.sort((a, b) => order[a.status] - order[b.status] || (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0) || a.id - b.id);
    const people = await this.talent.rosterSummaries(rows.map((r) => r.practitionerId));
    const phones = await this.accounts.maskedPhones([...people.values()].map((p) => p.userId).filter((id): id is number => id !== null));
    let position = 0;
    return rows.map((row) => {
      const person = people.get(row.practitionerId)!;
      return {
        id: row.id,
        practitionerId: row.practitionerId,
        name: person.name,
        phoneMasked: person.userId !== null ? phones.get(person.userId) ?? null : null,
        orgName: person.orgName,
        district: person.district,
        districtName: person.districtName,
        category: person.category,
        titleLevel: person.titleLevel,
        status: row.status,
        ...(row.status === 'waitlisted' ? { waitlistPosition: ++position } : {}),
        createdAt: row.createdAt,
      };
    });
  }
}
