import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * One issued yearly statement: a snapshot of what it said (name, totals, the rule, compliant), so its
 * code verifies as issued whatever the ledger says later. The `revision`-th of its practitioner and year.
 */
export interface StatementRow extends Model<InferAttributes<StatementRow>, InferCreationAttributes<StatementRow>> {
  id: CreationOptional<number>;
  code: string;
  practitionerId: number;
  year: number;
  revision: number;
  holderName: string;
  totalHours: number;
  professionalHours: number;
  compliant: boolean;
  /** The year's rule when issued; null when the year had none. */
  requiredHours: number | null;
  minProfessionalHours: number | null;
  issuedAt: Date;
}

export function defineStatementModels(sequelize: Sequelize) {
  const Statement = sequelize.define<StatementRow>(
    'CeStatement',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.INTEGER, allowNull: false },
      revision: { type: DataTypes.INTEGER, allowNull: false },
      holderName: { type: DataTypes.STRING(50), allowNull: false },
      totalHours: { type: DataTypes.DOUBLE, allowNull: false },
      professionalHours: { type: DataTypes.DOUBLE, allowNull: false },
      compliant: { type: DataTypes.BOOLEAN, allowNull: false },
      requiredHours: { type: DataTypes.DOUBLE, allowNull: true },
      minProfessionalHours: { type: DataTypes.DOUBLE, allowNull: true },
      issuedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'ce_statements', underscored: true, timestamps: false },
  );
  return { Statement };
}

export type StatementModels = ReturnType<typeof defineStatementModels>;
