import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonText } from '../platform/json';

export interface AuditEntryRow extends Model<InferAttributes<AuditEntryRow>, InferCreationAttributes<AuditEntryRow>> {
  id: CreationOptional<number>;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  /** The district of the record the action is about; null for what belongs to no district. */
  district: string | null;
  beforeState: Record<string, unknown> | null;
  afterState: Record<string, unknown> | null;
  createdAt: Date;
}

export function defineAuditModels(sequelize: Sequelize) {
  const AuditEntry = sequelize.define<AuditEntryRow>(
    'AuditEntry',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      entity: { type: DataTypes.STRING(32), allowNull: false },
      entityId: { type: DataTypes.STRING(64), allowNull: false },
      district: { type: DataTypes.CHAR(6), allowNull: true },
      beforeState: { type: DataTypes.TEXT, allowNull: true, ...jsonText('beforeState', null) },
      afterState: { type: DataTypes.TEXT, allowNull: true, ...jsonText('afterState', null) },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'audit_entries', underscored: true, timestamps: false },
  );
  return { AuditEntry };
}

export type AuditModels = ReturnType<typeof defineAuditModels>;
