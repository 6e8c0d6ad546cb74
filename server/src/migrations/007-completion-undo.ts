import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Undoing a completion done by mistake: when a class was completed (the undo's time bound), which
 * round of completion it is in (awards of a later round have keys of their own), and when a
 * certificate was withdrawn.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('classes', 'completed_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('classes', 'completion_round', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('certificates', 'revoked_at', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeColumn('certificates', 'revoked_at');
  await qi.removeColumn('classes', 'completion_round');
  await qi.removeColumn('classes', 'completed_at');
}
