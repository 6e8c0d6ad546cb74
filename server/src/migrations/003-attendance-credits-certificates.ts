import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE(3), allowNull: false },
  updated_at: { type: DataTypes.DATE(3), allowNull: false },
};

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('attendance', {
    id,
    session_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'class_sessions', key: 'id' } },
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    status: { type: DataTypes.STRING(16), allowNull: false },
    checked_in_at: { type: DataTypes.DATE(3), allowNull: true },
    marked_by: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('attendance', ['session_id', 'practitioner_id'], { name: 'attendance_one_per_session', unique: true });
  await qi.addIndex('attendance', ['practitioner_id'], { name: 'attendance_practitioner' });

  // The 6-digit code shown under the check-in QR, for phones that cannot scan: valid as long as its token.
  await qi.createTable('checkin_codes', {
    id,
    session_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'class_sessions', key: 'id' } },
    code: { type: DataTypes.CHAR(6), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('checkin_codes', ['code', 'expires_at'], { name: 'checkin_codes_lookup' });

  // How each enrollment ended when its class was completed.
  await qi.addColumn('enrollments', 'outcome', { type: DataTypes.STRING(16), allowNull: true });

  await qi.createTable('credit_rules', {
    year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    required_hours: { type: DataTypes.DOUBLE, allowNull: false },
    min_professional_hours: { type: DataTypes.DOUBLE, allowNull: false },
    updated_by: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });

  await qi.createTable('credit_claims', {
    id,
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    title: { type: DataTypes.STRING(100), allowNull: false },
    provider: { type: DataTypes.STRING(100), allowNull: false },
    date: { type: DataTypes.DATEONLY, allowNull: false },
    hours: { type: DataTypes.DOUBLE, allowNull: false },
    category: { type: DataTypes.STRING(16), allowNull: false },
    evidence_file: { type: DataTypes.STRING(100), allowNull: false },
    evidence_type: { type: DataTypes.STRING(50), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    approved_hours: { type: DataTypes.DOUBLE, allowNull: true },
    reject_reason: { type: DataTypes.STRING(200), allowNull: true },
    decided_by: { type: DataTypes.INTEGER, allowNull: true },
    decided_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('credit_claims', ['status', 'id'], { name: 'credit_claims_status' });
  await qi.addIndex('credit_claims', ['practitioner_id'], { name: 'credit_claims_practitioner' });

  await qi.createTable('certificates', {
    id,
    code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    class_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'classes', key: 'id' } },
    holder_name: { type: DataTypes.STRING(50), allowNull: false },
    course_title: { type: DataTypes.STRING(60), allowNull: false },
    class_title: { type: DataTypes.STRING(100), allowNull: false },
    hours: { type: DataTypes.DOUBLE, allowNull: false },
    category: { type: DataTypes.STRING(16), allowNull: false },
    issued_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('certificates', ['practitioner_id', 'class_id'], { name: 'certificates_one_per_class', unique: true });

  // Append-only ledger. `source_key` makes every award happen once: class:<classId>, claim:<claimId>;
  // adjustments carry a unique key of their own.
  await qi.createTable('credit_records', {
    id,
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    year: { type: DataTypes.INTEGER, allowNull: false },
    date: { type: DataTypes.DATEONLY, allowNull: false },
    hours: { type: DataTypes.DOUBLE, allowNull: false },
    category: { type: DataTypes.STRING(16), allowNull: false },
    source: { type: DataTypes.STRING(16), allowNull: false },
    source_key: { type: DataTypes.STRING(64), allowNull: false },
    title: { type: DataTypes.STRING(120), allowNull: false },
    certificate_code: { type: DataTypes.STRING(20), allowNull: true },
    note: { type: DataTypes.STRING(200), allowNull: true },
    created_by: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('credit_records', ['practitioner_id', 'source_key'], { name: 'credit_records_once', unique: true });
  await qi.addIndex('credit_records', ['practitioner_id', 'year'], { name: 'credit_records_person_year' });
  await qi.addIndex('credit_records', ['year', 'practitioner_id'], { name: 'credit_records_year' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('credit_records');
  await qi.dropTable('certificates');
  await qi.dropTable('credit_claims');
  await qi.dropTable('credit_rules');
  await qi.removeColumn('enrollments', 'outcome');
  await qi.dropTable('checkin_codes');
  await qi.dropTable('attendance');
}
