import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 知识产权服务机构: the registry of service agencies, keyed on the 统一社会信用代码 (one row per code,
 * the unique index decides a race), with the service types (JSON text), the district, the contact,
 * the latest reported annual revenue and the office's review status.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('service_agencies', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    credit_code: { type: DataTypes.CHAR(18), allowNull: false },
    service_types: { type: DataTypes.TEXT, allowNull: false },
    district: { type: DataTypes.CHAR(6), allowNull: false },
    address: { type: DataTypes.STRING(200), allowNull: true },
    contact_name: { type: DataTypes.STRING(50), allowNull: true },
    contact_phone: { type: DataTypes.STRING(20), allowNull: true },
    revenue_year: { type: DataTypes.INTEGER, allowNull: true },
    revenue_yuan: { type: DataTypes.BIGINT, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    reject_reason: { type: DataTypes.STRING(500), allowNull: true },
    verified_at: { type: DataTypes.DATE(3), allowNull: true },
    source: { type: DataTypes.STRING(16), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('service_agencies', ['credit_code'], { name: 'service_agencies_credit_code', unique: true });
  await qi.addIndex('service_agencies', ['status', 'district'], { name: 'service_agencies_status_district' });
  await qi.addIndex('service_agencies', ['district', 'status'], { name: 'service_agencies_district_status' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('service_agencies');
}
