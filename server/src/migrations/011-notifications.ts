import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 消息: one inbox entry per recipient and event (the unique (user_id, event_key) decides a repeat),
 * the WeChat subscribe-message consents (one consent, one message), the outbox of messages to send
 * (claimed by a lease with a conditional update, retried with backoff) and the access token every
 * instance shares.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('notifications', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    event_key: { type: DataTypes.STRING(120), allowNull: false },
    title: { type: DataTypes.STRING(100), allowNull: false },
    body: { type: DataTypes.STRING(500), allowNull: false },
    link: { type: DataTypes.STRING(200), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    read_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await qi.addIndex('notifications', ['user_id', 'event_key'], { name: 'notifications_user_event', unique: true });
  await qi.addIndex('notifications', ['user_id', 'read_at', 'id'], { name: 'notifications_user_read' });
  await qi.addIndex('notifications', ['event_key'], { name: 'notifications_event' });

  await qi.createTable('wechat_consents', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    template_id: { type: DataTypes.STRING(64), allowNull: false },
    remaining: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('wechat_consents', ['user_id', 'template_id'], { name: 'wechat_consents_user_template', unique: true });

  await qi.createTable('outbox_messages', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    notification_id: { type: DataTypes.INTEGER, allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    template_id: { type: DataTypes.STRING(64), allowNull: false },
    payload: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
    lease_owner: { type: DataTypes.STRING(64), allowNull: true },
    lease_until: { type: DataTypes.DATE(3), allowNull: true },
    last_error: { type: DataTypes.STRING(500), allowNull: true },
    sent_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('outbox_messages', ['notification_id'], { name: 'outbox_messages_notification', unique: true });
  await qi.addIndex('outbox_messages', ['status', 'next_attempt_at'], { name: 'outbox_messages_due' });

  await qi.createTable('wechat_access_tokens', {
    app_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    access_token: { type: DataTypes.STRING(800), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });

  // the reminder tick looks up tomorrow's sessions across all classes
  await qi.addIndex('class_sessions', ['starts_at'], { name: 'class_sessions_starts_at' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeIndex('class_sessions', 'class_sessions_starts_at');
  await qi.dropTable('wechat_access_tokens');
  await qi.dropTable('outbox_messages');
  await qi.dropTable('wechat_consents');
  await qi.dropTable('notifications');
}
