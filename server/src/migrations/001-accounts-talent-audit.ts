import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE(3), allowNull: false },
  updated_at: { type: DataTypes.DATE(3), allowNull: false },
};

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('users', {
    id,
    phone: { type: DataTypes.STRING(11), allowNull: true, unique: true },
    password_hash: { type: DataTypes.STRING(255), allowNull: true },
    name: { type: DataTypes.STRING(50), allowNull: false },
    role: { type: DataTypes.STRING(20), allowNull: false },
    wechat_openid: { type: DataTypes.STRING(64), allowNull: true, unique: true },
    ...timestamps,
  });

  await qi.createTable('login_failures', {
    id,
    phone: { type: DataTypes.STRING(11), allowNull: false },
    failed_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('login_failures', ['phone', 'failed_at'], { name: 'login_failures_phone_time' });

  await qi.createTable('practitioners', {
    id,
    user_id: { type: DataTypes.INTEGER, allowNull: true, unique: true, references: { model: 'users', key: 'id' } },
    name: { type: DataTypes.STRING(50), allowNull: false },
    id_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    id_masked: { type: DataTypes.STRING(18), allowNull: false },
    gender: { type: DataTypes.STRING(8), allowNull: false },
    birth_date: { type: DataTypes.DATEONLY, allowNull: false },
    district: { type: DataTypes.CHAR(6), allowNull: false },
    org_name: { type: DataTypes.STRING(100), allowNull: false },
    org_type: { type: DataTypes.STRING(32), allowNull: false },
    category: { type: DataTypes.STRING(32), allowNull: false },
    ip_fields: { type: DataTypes.TEXT, allowNull: false },
    title_level: { type: DataTypes.STRING(32), allowNull: false },
    qualifications: { type: DataTypes.TEXT, allowNull: false },
    email: { type: DataTypes.STRING(254), allowNull: true },
    tier: { type: DataTypes.STRING(32), allowNull: false, defaultValue: 'none' },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    reject_reason: { type: DataTypes.STRING(500), allowNull: true },
    verified_at: { type: DataTypes.DATE(3), allowNull: true },
    source: { type: DataTypes.STRING(16), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('practitioners', ['status', 'district'], { name: 'practitioners_status_district' });

  await qi.createTable('audit_entries', {
    id,
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    action: { type: DataTypes.STRING(64), allowNull: false },
    entity: { type: DataTypes.STRING(32), allowNull: false },
    entity_id: { type: DataTypes.STRING(64), allowNull: false },
    before_state: { type: DataTypes.TEXT, allowNull: true },
    after_state: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('audit_entries', ['entity', 'entity_id'], { name: 'audit_entries_entity' });
  await qi.addIndex('audit_entries', ['actor_id'], { name: 'audit_entries_actor' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('audit_entries');
  await qi.dropTable('practitioners');
  await qi.dropTable('login_failures');
  await qi.dropTable('users');
}
