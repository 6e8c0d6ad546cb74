import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Accounts people can recover and admins can revoke: a token version (a password change, reset,
 * disable or deletion ends every earlier token), a status, a temporary-password flag, the time an
 * account was erased; password-reset codes (hashed) and the SMS sends that rate-limit them.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('users', 'token_version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('users', 'status', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' });
  await qi.addColumn('users', 'must_change_password', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addColumn('users', 'erased_at', { type: DataTypes.DATE(3), allowNull: true });

  await qi.createTable('password_reset_codes', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    code_hash: { type: DataTypes.CHAR(64), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    wrong_tries: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('password_reset_codes', ['user_id', 'id'], { name: 'password_reset_codes_user' });

  await qi.createTable('sms_sends', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    phone: { type: DataTypes.STRING(11), allowNull: false },
    sent_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('sms_sends', ['phone', 'sent_at'], { name: 'sms_sends_phone_time' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('sms_sends');
  await qi.dropTable('password_reset_codes');
  await qi.removeColumn('users', 'erased_at');
  await qi.removeColumn('users', 'must_change_password');
  await qi.removeColumn('users', 'status');
  await qi.removeColumn('users', 'token_version');
}
