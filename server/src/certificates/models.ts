import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { CourseCategory } from '../reference/vocabulary';

/** A completion certificate: a snapshot of what was certified, so later catalog edits never rewrite it. */
export interface CertificateRow extends Model<InferAttributes<CertificateRow>, InferCreationAttributes<CertificateRow>> {
  id: CreationOptional<number>;
  code: string;
  practitionerId: number;
  classId: number;
  holderName: string;
  courseTitle: string;
  classTitle: string;
  hours: number;
  category: CourseCategory;
  issuedAt: Date;
  /** Withdrawn with an undone completion; the code then verifies as not valid. */
  revokedAt: CreationOptional<Date | null>;
}

export function defineCertificateModels(sequelize: Sequelize) {
  const Certificate = sequelize.define<CertificateRow>(
    'Certificate',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      classId: { type: DataTypes.INTEGER, allowNull: false },
      holderName: { type: DataTypes.STRING(50), allowNull: false },
      courseTitle: { type: DataTypes.STRING(60), allowNull: false },
      classTitle: { type: DataTypes.STRING(100), allowNull: false },
      hours: { type: DataTypes.DOUBLE, allowNull: false },
      category: { type: DataTypes.STRING(16), allowNull: false },
      issuedAt: { type: DataTypes.DATE(3), allowNull: false },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { tableName: 'certificates', underscored: true, timestamps: false },
  );
  return { Certificate };
}

export type CertificateModels = ReturnType<typeof defineCertificateModels>;
