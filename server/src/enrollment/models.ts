import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type EnrollmentStatus = 'enrolled' | 'waitlisted' | 'pending' | 'cancelled' | 'rejected';
export const ACTIVE_STATUSES: EnrollmentStatus[] = ['enrolled', 'waitlisted', 'pending'];

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
  return { Enrollment };
}

export type EnrollmentModels = ReturnType<typeof defineEnrollmentModels>;
