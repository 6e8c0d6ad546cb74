import { DataTypes, Model, QueryTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize, type Transaction } from 'sequelize';

import { ACTIVE_ENROLLMENT_STATUSES as ACTIVE_STATUSES, type EnrollmentStatus } from '../reference/vocabulary';

export { ACTIVE_STATUSES, type EnrollmentStatus };
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export interface EnrollmentRow extends Model<InferAttributes<EnrollmentRow>, InferCreationAttributes<EnrollmentRow>> {
  id: CreationOptional<number>;
  classId: number;
  practitionerId: number;
  status: EnrollmentStatus;
  /** true while active, null after: backs the unique index "one active enrollment per practitioner and class". */
  active: true | null;
  /** Order in the waitlist (first come, first served), set when the enrollment joins it. */
  waitlistSeq: number | null;
  decidedBy: number | null;
  endedAt: Date | null;
  /** Set when the class is completed: did this enrolled practitioner complete it? */
  outcome: CreationOptional<'completed' | 'failed' | null>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export function defineEnrollmentModels(sequelize: Sequelize) {
  const Enrollment = sequelize.define<EnrollmentRow>(
    'Enrollment',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      classId: { type: DataTypes.INTEGER, allowNull: false },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: true },
      waitlistSeq: { type: DataTypes.INTEGER, allowNull: true },
      decidedBy: { type: DataTypes.INTEGER, allowNull: true },
      endedAt: { type: DataTypes.DATE(3), allowNull: true },
      outcome: { type: DataTypes.STRING(16), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'enrollments', underscored: true },
  );
  return { Enrollment, signUpQueries: defineSignUpQueries(sequelize) };
}

/** A class's seats as the enrollment rules see them (counted under the class lock). */
export interface SeatTally {
  enrolled: number;
  waitlisted: number;
  /** The highest waitlist number ever given in the class (numbers are never reused). */
  lastSeq: number;
}

/** What a sign-up reads of an active enrollment. */
export interface ActiveEnrollmentFacts {
  id: number;
  classId: number;
  status: EnrollmentStatus;
  waitlistSeq: number | null;
}

/**
 * The sign-up's own statements as SQL through sequelize.query, without model instances: in a rush
 * they run one transaction after another behind the class lock, and this path costs half as much as
 * the model calls did (bench/layers.js, in-process: 860 vs 430 sign-ups/s on SQLite, 929 vs 536 on
 * MariaDB). Column for column what `Enrollment` reads and writes.
 */
function defineSignUpQueries(sequelize: Sequelize) {
  const select = <T extends object>(sql: string, replacements: unknown[], transaction?: Transaction) =>
    sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });
  // A DATE(3) as the model writes it: Sequelize's MySQL escape of a Date drops the milliseconds.
  const stamp = (date: Date) => (sequelize.getDialect() === 'mysql' ? date.toISOString().replace('T', ' ').replace('Z', '') : date);
  return {
    /** The practitioner's active enrollment in the class, if any (the unique index allows one). */
    async activeOf(classId: number, practitionerId: number, transaction?: Transaction): Promise<ActiveEnrollmentFacts | null> {
      const [row] = await select<{ id: number; status: EnrollmentStatus; waitlistSeq: number | string | null }>(
        'SELECT id, status, waitlist_seq AS waitlistSeq FROM enrollments WHERE class_id = ? AND practitioner_id = ? AND active = ?',
        [classId, practitionerId, true],
        transaction,
      );
      return row ? { id: Number(row.id), classId, status: row.status, waitlistSeq: row.waitlistSeq === null ? null : Number(row.waitlistSeq) } : null;
    },

    /** Seats taken, the waitlist's length and its last number, in one read of the class's enrollments (index only). */
    async seatTally(classId: number, transaction: Transaction): Promise<SeatTally> {
      const [row] = await select<Record<'enrolled' | 'waitlisted' | 'lastSeq', number | string>>(
        "SELECT COALESCE(SUM(CASE WHEN status = 'enrolled' THEN 1 ELSE 0 END), 0) AS enrolled, COALESCE(SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END), 0) AS waitlisted, COALESCE(MAX(waitlist_seq), 0) AS lastSeq FROM enrollments WHERE class_id = ?",
        [classId],
        transaction,
      );
      return { enrolled: Number(row.enrolled), waitlisted: Number(row.waitlisted), lastSeq: Number(row.lastSeq) };
    },

    /** A new active enrollment; its id. A second active one for the same person and class breaks the unique index. */
    async insertActive(fields: { classId: number; practitionerId: number; status: EnrollmentStatus; waitlistSeq: number | null }, transaction: Transaction): Promise<number> {
      const now = stamp(new Date());
      const [id] = await sequelize.query(
        'INSERT INTO enrollments (class_id, practitioner_id, status, active, waitlist_seq, decided_by, ended_at, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)',
        { replacements: [fields.classId, fields.practitionerId, fields.status, true, fields.waitlistSeq, now, now], type: QueryTypes.INSERT, transaction },
      );
      return Number(id);
    },
  };
}

export type EnrollmentModels = ReturnType<typeof defineEnrollmentModels>;
