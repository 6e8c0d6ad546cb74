import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The audit browser: each entry gains the district of the record it is about (null for what belongs
 * to no district: classes, accounts, credit rules), so district staff see their district's trail,
 * and indexes for its filters, each ending in the id the list is ordered by (newest first):
 * - (district, id): a district account's every query;
 * - (action, id): an exact action or a prefix (`talent.`), and the distinct actions of the dropdown;
 * - (created_at): a range of days.
 * The actor and the record (entity, entity_id) have their indexes since 001; both engines keep the
 * primary key in every secondary index, so they already serve "newest first" for their filter.
 * Existing entries about a talent record take that record's district (as it stands now).
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('audit_entries', 'district', { type: DataTypes.CHAR(6), allowNull: true });
  await qi.addIndex('audit_entries', ['district', 'id'], { name: 'audit_entries_district' });
  await qi.addIndex('audit_entries', ['action', 'id'], { name: 'audit_entries_action' });
  await qi.addIndex('audit_entries', ['created_at'], { name: 'audit_entries_time' });
  await qi.sequelize.query(
    `UPDATE audit_entries SET district = (SELECT p.district FROM practitioners p WHERE p.id = audit_entries.entity_id)
     WHERE entity = 'practitioner'`,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeIndex('audit_entries', 'audit_entries_time');
  await qi.removeIndex('audit_entries', 'audit_entries_action');
  await qi.removeIndex('audit_entries', 'audit_entries_district');
  await qi.removeColumn('audit_entries', 'district');
}
