import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize, type Transaction } from 'sequelize';
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

/** The facts about a record that statistics count by. */
export interface PractitionerSnapshot {
  id: number;
  status: RecordStatus;
  district: string;
  orgType: OrgType;
  category: Category;
  titleLevel: TitleLevel;
  tier: Tier;
  verifiedAt: Date | null;
}

/** Told about every created, changed or removed record, inside the transaction that did it. */
export type PractitionerListener = (before: PractitionerSnapshot | null, after: PractitionerSnapshot | null, transaction: Transaction | null) => Promise<void>;

const SNAPSHOT_KEYS = ['id', 'status', 'district', 'orgType', 'category', 'titleLevel', 'tier', 'verifiedAt'] as const;

function snapshot(read: (key: (typeof SNAPSHOT_KEYS)[number]) => unknown): PractitionerSnapshot {
  return Object.fromEntries(SNAPSHOT_KEYS.map((k) => [k, read(k)])) as unknown as PractitionerSnapshot;
}

export function defineTalentModels(sequelize: Sequelize, listener?: PractitionerListener) {
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
    {
      tableName: 'practitioners',
      underscored: true,
      hooks: listener
        ? {
            // Bulk writes go row by row through the hooks below, so no write path escapes the listener.
            beforeBulkUpdate: (options) => {
              options.individualHooks = true;
            },
            beforeBulkDestroy: (options) => {
              options.individualHooks = true;
            },
            afterCreate: (row, options) => listener(null, snapshot((k) => row.get(k)), options.transaction ?? null),
            afterUpdate: (row, options) =>
              listener(
                snapshot((k) => (row.changed(k) ? row.previous(k) : row.get(k))),
                snapshot((k) => row.get(k)),
                options.transaction ?? null,
              ),
            afterDestroy: (row, options) => listener(snapshot((k) => row.get(k)), null, options.transaction ?? null),
          }
        : {},
    },
  );
  return { Practitioner };
}

export type TalentModels = ReturnType<typeof defineTalentModels>;
