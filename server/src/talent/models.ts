import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonText } from '../platform/json';
import type { Category, Gender, IpField, OrgType, RecordStatus, Tier, TitleLevel } from '../reference/vocabulary';

export type RecordSource = 'self' | 'import';

/** One person in the talent database (人才库), whether they signed up or were imported. */
export interface PractitionerRow extends Model<InferAttributes<PractitionerRow>, InferCreationAttributes<PractitionerRow>> {
  id: CreationOptional<number>;
  userId: number | null;
  name: string;
  idHash: string;
  idMasked: string;
  gender: Gender;
  birthDate: string;
  district: string;
  orgName: string;
  orgType: OrgType;
  category: Category;
  ipFields: IpField[];
  titleLevel: TitleLevel;
  qualifications: string[];
  email: string | null;
  tier: CreationOptional<Tier>;
  status: CreationOptional<RecordStatus>;
  rejectReason: string | null;
  verifiedAt: Date | null;
  source: RecordSource;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export function defineTalentModels(sequelize: Sequelize) {
  const Practitioner = sequelize.define<PractitionerRow>(
    'Practitioner',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      name: { type: DataTypes.STRING(50), allowNull: false },
      idHash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
      idMasked: { type: DataTypes.STRING(18), allowNull: false },
      gender: { type: DataTypes.STRING(8), allowNull: false },
      birthDate: { type: DataTypes.DATEONLY, allowNull: false },
      district: { type: DataTypes.CHAR(6), allowNull: false },
      orgName: { type: DataTypes.STRING(100), allowNull: false },
      orgType: { type: DataTypes.STRING(32), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      ipFields: { type: DataTypes.TEXT, allowNull: false, ...jsonText<IpField[]>('ipFields', []) },
      titleLevel: { type: DataTypes.STRING(32), allowNull: false },
      qualifications: { type: DataTypes.TEXT, allowNull: false, ...jsonText<string[]>('qualifications', []) },
      email: { type: DataTypes.STRING(254), allowNull: true },
      tier: { type: DataTypes.STRING(32), allowNull: false, defaultValue: 'none' },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      rejectReason: { type: DataTypes.STRING(500), allowNull: true },
      verifiedAt: { type: DataTypes.DATE(3), allowNull: true },
      source: { type: DataTypes.STRING(16), allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'practitioners', underscored: true },
  );
  return { Practitioner };
}

export type TalentModels = ReturnType<typeof defineTalentModels>;
