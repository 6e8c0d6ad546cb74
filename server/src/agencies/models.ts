import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonText } from '../platform/json';
import type { RecordStatus, ServiceType } from '../reference/vocabulary';

/** Where an agency's row came from: its own application, the office's import, or entered by the office. */
export type AgencySource = 'self' | 'import' | 'office';

/** One 知识产权服务机构, keyed on its 统一社会信用代码. */
export interface AgencyRow extends Model<InferAttributes<AgencyRow>, InferCreationAttributes<AgencyRow>> {
  id: CreationOptional<number>;
  name: string;
  creditCode: string;
  serviceTypes: ServiceType[];
  district: string;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  /** The latest annual revenue reported: its year and amount in yuan (both or neither). */
  revenueYear: number | null;
  revenueYuan: number | null;
  status: CreationOptional<RecordStatus>;
  rejectReason: string | null;
  verifiedAt: Date | null;
  source: AgencySource;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export function defineAgencyModels(sequelize: Sequelize) {
  const Agency = sequelize.define<AgencyRow>(
    'ServiceAgency',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      creditCode: { type: DataTypes.CHAR(18), allowNull: false, unique: true },
      serviceTypes: { type: DataTypes.TEXT, allowNull: false, ...jsonText<ServiceType[]>('serviceTypes', []) },
      district: { type: DataTypes.CHAR(6), allowNull: false },
      address: { type: DataTypes.STRING(200), allowNull: true },
      contactName: { type: DataTypes.STRING(50), allowNull: true },
      contactPhone: { type: DataTypes.STRING(20), allowNull: true },
      revenueYear: { type: DataTypes.INTEGER, allowNull: true },
      // BIGINT comes back from mysql2 as a number (supportBigNumbers without bigNumberStrings) and from SQLite as one.
      revenueYuan: {
        type: DataTypes.BIGINT,
        allowNull: true,
        get(this: AgencyRow) {
          const raw = this.getDataValue('revenueYuan') as unknown;
          return raw === null || raw === undefined ? null : Number(raw);
        },
      },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      rejectReason: { type: DataTypes.STRING(500), allowNull: true },
      verifiedAt: { type: DataTypes.DATE(3), allowNull: true },
      source: { type: DataTypes.STRING(16), allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'service_agencies', underscored: true },
  );
  return { Agency };
}

export type AgencyModels = ReturnType<typeof defineAgencyModels>;
