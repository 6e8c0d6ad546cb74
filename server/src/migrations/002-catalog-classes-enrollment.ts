import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE(3), allowNull: false },
  updated_at: { type: DataTypes.DATE(3), allowNull: false },
};

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('courses', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    title: { type: DataTypes.STRING(60), allowNull: false },
    summary: { type: DataTypes.TEXT, allowNull: false },
    category: { type: DataTypes.STRING(16), allowNull: false },
    credit_hours: { type: DataTypes.DOUBLE, allowNull: false },
    delivery_mode: { type: DataTypes.STRING(16), allowNull: false },
    topics: { type: DataTypes.TEXT, allowNull: false },
    audience: { type: DataTypes.TEXT, allowNull: false },
    outline: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    content_hash: { type: DataTypes.CHAR(64), allowNull: false },
    ...timestamps,
  });

  await qi.createTable('classes', {
    id,
    course_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'courses', key: 'id' } },
    title: { type: DataTypes.STRING(100), allowNull: false },
    location: { type: DataTypes.STRING(200), allowNull: false },
    start_date: { type: DataTypes.DATEONLY, allowNull: false },
    end_date: { type: DataTypes.DATEONLY, allowNull: false },
    capacity: { type: DataTypes.INTEGER, allowNull: false },
    enroll_opens_at: { type: DataTypes.DATE(3), allowNull: false },
    enroll_closes_at: { type: DataTypes.DATE(3), allowNull: false },
    cancel_deadline: { type: DataTypes.DATE(3), allowNull: true },
    requires_approval: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    created_by: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('classes', ['course_id', 'start_date'], { name: 'classes_course_start' });
  await qi.addIndex('classes', ['start_date'], { name: 'classes_start' });

  await qi.createTable('class_sessions', {
    id,
    class_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'classes', key: 'id' } },
    starts_at: { type: DataTypes.DATE(3), allowNull: false },
    ends_at: { type: DataTypes.DATE(3), allowNull: false },
    topic: { type: DataTypes.STRING(100), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('class_sessions', ['class_id', 'starts_at'], { name: 'class_sessions_class_start' });

  await qi.createTable('enrollments', {
    id,
    class_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'classes', key: 'id' } },
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'practitioners', key: 'id' } },
    status: { type: DataTypes.STRING(16), allowNull: false },
    // 1 while the enrollment is enrolled, waitlisted or pending, NULL after: the unique index below
    // then allows one active enrollment per practitioner and class (NULLs never collide).
    active: { type: DataTypes.BOOLEAN, allowNull: true },
    waitlist_seq: { type: DataTypes.INTEGER, allowNull: true },
    decided_by: { type: DataTypes.INTEGER, allowNull: true },
    ended_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('enrollments', ['class_id', 'practitioner_id', 'active'], { name: 'enrollments_one_active', unique: true });
  await qi.addIndex('enrollments', ['class_id', 'status', 'waitlist_seq'], { name: 'enrollments_class_status' });
  await qi.addIndex('enrollments', ['practitioner_id', 'status'], { name: 'enrollments_practitioner' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('enrollments');
  await qi.dropTable('class_sessions');
  await qi.dropTable('classes');
  await qi.dropTable('courses');
}
