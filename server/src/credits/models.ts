import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize, type Transaction } from 'sequelize';
import type { ClaimStatus, CourseCategory, CreditSource } from '../reference/vocabulary';

export type CreditCategory = CourseCategory;
export type { ClaimStatus, CreditSource };

/** One line of the append-only ledger of continuing-education hours. */
export interface CreditRecordRow extends Model<InferAttributes<CreditRecordRow>, InferCreationAttributes<CreditRecordRow>> {
  id: CreationOptional<number>;
  practitionerId: number;
  year: number;
  date: string;
  hours: number;
  category: CreditCategory;
  source: CreditSource;
  /** Unique per practitioner: `class:<id>`, `claim:<id>`, `adjustment:<uuid>` — an award happens once. */
  sourceKey: string;
  title: string;
  certificateCode: string | null;
  note: string | null;
  createdBy: number | null;
  createdAt: Date;
}

export interface CreditRuleRow extends Model<InferAttributes<CreditRuleRow>, InferCreationAttributes<CreditRuleRow>> {
  year: number;
  requiredHours: number;
  minProfessionalHours: number;
  updatedBy: number | null;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export interface CreditClaimRow extends Model<InferAttributes<CreditClaimRow>, InferCreationAttributes<CreditClaimRow>> {
  id: CreationOptional<number>;
  practitionerId: number;
  title: string;
  provider: string;
  date: string;
  hours: number;
  category: CreditCategory;
  evidenceFile: string;
  evidenceType: string;
  status: ClaimStatus;
  approvedHours: number | null;
  rejectReason: string | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export class LedgerIsAppendOnlyError extends Error {
  constructor() {
    super('credit records are never edited or deleted: add an adjustment record instead');
  }
}

/** Told about every new ledger line, inside the transaction that wrote it. */
export type AwardListener = (record: Pick<CreditRecordRow, 'practitionerId' | 'year' | 'hours' | 'category' | 'source'>, transaction: Transaction | null) => Promise<void>;

export function defineCreditModels(sequelize: Sequelize, onAward?: AwardListener) {
  const CreditRecord = sequelize.define<CreditRecordRow>(
    'CreditRecord',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.INTEGER, allowNull: false },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      hours: { type: DataTypes.DOUBLE, allowNull: false },
      category: { type: DataTypes.STRING(16), allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      sourceKey: { type: DataTypes.STRING(64), allowNull: false },
      title: { type: DataTypes.STRING(120), allowNull: false },
      certificateCode: { type: DataTypes.STRING(20), allowNull: true },
      note: { type: DataTypes.STRING(200), allowNull: true },
      createdBy: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    {
      tableName: 'credit_records',
      underscored: true,
      timestamps: false,
      // The ledger is append-only: any code path that tries to change or remove a line fails loudly.
      hooks: {
        afterCreate: async (row, options) => {
          if (onAward) await onAward(row.get({ plain: true }), options.transaction ?? null);
        },
        beforeUpdate: () => {
          throw new LedgerIsAppendOnlyError();
        },
        beforeBulkUpdate: () => {
          throw new LedgerIsAppendOnlyError();
        },
        beforeDestroy: () => {
          throw new LedgerIsAppendOnlyError();
        },
        beforeBulkDestroy: () => {
          throw new LedgerIsAppendOnlyError();
        },
      },
    },
  );
  const CreditRule = sequelize.define<CreditRuleRow>(
    'CreditRule',
    {
      year: { type: DataTypes.INTEGER, primaryKey: true },
      requiredHours: { type: DataTypes.DOUBLE, allowNull: false },
      minProfessionalHours: { type: DataTypes.DOUBLE, allowNull: false },
      updatedBy: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'credit_rules', underscored: true },
  );
  const CreditClaim = sequelize.define<CreditClaimRow>(
    'CreditClaim',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      provider: { type: DataTypes.STRING(100), allowNull: false },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      hours: { type: DataTypes.DOUBLE, allowNull: false },
      category: { type: DataTypes.STRING(16), allowNull: false },
      evidenceFile: { type: DataTypes.STRING(100), allowNull: false },
      evidenceType: { type: DataTypes.STRING(50), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      approvedHours: { type: DataTypes.DOUBLE, allowNull: true },
      rejectReason: { type: DataTypes.STRING(200), allowNull: true },
      decidedBy: { type: DataTypes.INTEGER, allowNull: true },
      decidedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'credit_claims', underscored: true },
  );
  return { CreditRecord, CreditRule, CreditClaim };
}

export type CreditModels = ReturnType<typeof defineCreditModels>;
