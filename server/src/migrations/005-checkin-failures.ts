import { DataTypes, type QueryInterface } from 'sequelize';

/** Wrong check-in codes per practitioner, for the lockout that stops guessing 6-digit codes. */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('checkin_failures', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    failed_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('checkin_failures', ['practitioner_id', 'failed_at'], { name: 'checkin_failures_lookup' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('checkin_failures');
}
