import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 继续教育学时证明: every yearly statement issued, with what it said then (holder name, totals, the
 * year's rule, compliant), so its code verifies as issued even after the hours change. A statement is
 * the `revision`-th of its practitioner and year; the unique (practitioner, year, revision) index lets
 * only one of two concurrent downloads write the next one, and codes are unique.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('ce_statements', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    code: { type: DataTypes.STRING(20), allowNull: false },
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    year: { type: DataTypes.INTEGER, allowNull: false },
    revision: { type: DataTypes.INTEGER, allowNull: false },
    holder_name: { type: DataTypes.STRING(50), allowNull: false },
    total_hours: { type: DataTypes.DOUBLE, allowNull: false },
    professional_hours: { type: DataTypes.DOUBLE, allowNull: false },
    compliant: { type: DataTypes.BOOLEAN, allowNull: false },
    required_hours: { type: DataTypes.DOUBLE, allowNull: true },
    min_professional_hours: { type: DataTypes.DOUBLE, allowNull: true },
    issued_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('ce_statements', ['code'], { name: 'ce_statements_code', unique: true });
  await qi.addIndex('ce_statements', ['practitioner_id', 'year', 'revision'], { name: 'ce_statements_revision', unique: true });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('ce_statements');
}
