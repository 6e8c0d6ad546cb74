import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { AttendanceStatus } from '../reference/vocabulary';

export type { AttendanceStatus };

export interface AttendanceRow extends Model<InferAttributes<AttendanceRow>, InferCreationAttributes<AttendanceRow>> {
  id: CreationOptional<number>;
  sessionId: number;
  practitionerId: number;
  status: AttendanceStatus;
  checkedInAt: Date | null;
  /** The trainer who set this status; null for a practitioner's own scan. */
  markedBy: number | null;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export interface CheckinCodeRow extends Model<InferAttributes<CheckinCodeRow>, InferCreationAttributes<CheckinCodeRow>> {
  id: CreationOptional<number>;
  sessionId: number;
  code: string;
  expiresAt: Date;
  createdAt: Date;
}

/** One wrong typed code or forged/expired token from a practitioner (see AttendanceService.checkIn). */
export interface CheckinFailureRow extends Model<InferAttributes<CheckinFailureRow>, InferCreationAttributes<CheckinFailureRow>> {
  id: CreationOptional<number>;
  practitionerId: number;
  failedAt: Date;
}

export function defineAttendanceModels(sequelize: Sequelize) {
  const Attendance = sequelize.define<AttendanceRow>(
    'Attendance',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      sessionId: { type: DataTypes.INTEGER, allowNull: false },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      checkedInAt: { type: DataTypes.DATE(3), allowNull: true },
      markedBy: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'attendance', underscored: true },
  );
  const CheckinCode = sequelize.define<CheckinCodeRow>(
    'CheckinCode',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      sessionId: { type: DataTypes.INTEGER, allowNull: false },
      code: { type: DataTypes.CHAR(6), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'checkin_codes', underscored: true, timestamps: false },
  );
  const CheckinFailure = sequelize.define<CheckinFailureRow>(
    'CheckinFailure',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      failedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'checkin_failures', underscored: true, timestamps: false },
  );
  return { Attendance, CheckinCode, CheckinFailure };
}

export type AttendanceModels = ReturnType<typeof defineAttendanceModels>;
