import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { NotificationKind, OutboxStatus } from '../reference/vocabulary';

export interface NotificationRow extends Model<InferAttributes<NotificationRow>, InferCreationAttributes<NotificationRow>> {
  id: CreationOptional<number>;
  userId: number;
  kind: NotificationKind;
  /** What happened, once: `enrollment:12:promoted`. With the user, unique — a repeat is ignored. */
  eventKey: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: CreationOptional<Date | null>;
}

export interface WechatConsentRow extends Model<InferAttributes<WechatConsentRow>, InferCreationAttributes<WechatConsentRow>> {
  id: CreationOptional<number>;
  userId: number;
  templateId: string;
  /** Consents not yet used: WeChat allows one message per consent. */
  remaining: number;
  updatedAt: Date;
}

export interface OutboxMessageRow extends Model<InferAttributes<OutboxMessageRow>, InferCreationAttributes<OutboxMessageRow>> {
  id: CreationOptional<number>;
  notificationId: number;
  userId: number;
  kind: NotificationKind;
  templateId: string;
  /** The subscribe message's `page` and `data`, as JSON text. */
  payload: string;
  status: CreationOptional<OutboxStatus>;
  attempts: CreationOptional<number>;
  nextAttemptAt: Date;
  leaseOwner: CreationOptional<string | null>;
  leaseUntil: CreationOptional<Date | null>;
  lastError: CreationOptional<string | null>;
  sentAt: CreationOptional<Date | null>;
  createdAt: Date;
  updatedAt: Date;
}

export interface WechatAccessTokenRow extends Model<InferAttributes<WechatAccessTokenRow>, InferCreationAttributes<WechatAccessTokenRow>> {
  appId: string;
  accessToken: string;
  expiresAt: Date;
  updatedAt: Date;
}

export function defineNotificationModels(sequelize: Sequelize) {
  const Notification = sequelize.define<NotificationRow>(
    'Notification',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      eventKey: { type: DataTypes.STRING(120), allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      body: { type: DataTypes.STRING(500), allowNull: false },
      link: { type: DataTypes.STRING(200), allowNull: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
      readAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { tableName: 'notifications', underscored: true, timestamps: false },
  );
  const WechatConsent = sequelize.define<WechatConsentRow>(
    'WechatConsent',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      templateId: { type: DataTypes.STRING(64), allowNull: false },
      remaining: { type: DataTypes.INTEGER, allowNull: false },
      updatedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'wechat_consents', underscored: true, timestamps: false },
  );
  const OutboxMessage = sequelize.define<OutboxMessageRow>(
    'OutboxMessage',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      notificationId: { type: DataTypes.INTEGER, allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      templateId: { type: DataTypes.STRING(64), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: { type: DataTypes.DATE(3), allowNull: false },
      leaseOwner: { type: DataTypes.STRING(64), allowNull: true },
      leaseUntil: { type: DataTypes.DATE(3), allowNull: true },
      lastError: { type: DataTypes.STRING(500), allowNull: true },
      sentAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
      updatedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'outbox_messages', underscored: true, timestamps: false },
  );
  const WechatAccessToken = sequelize.define<WechatAccessTokenRow>(
    'WechatAccessToken',
    {
      appId: { type: DataTypes.STRING(64), primaryKey: true },
      accessToken: { type: DataTypes.STRING(800), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      updatedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'wechat_access_tokens', underscored: true, timestamps: false },
  );
  return { Notification, WechatConsent, OutboxMessage, WechatAccessToken };
}

export type NotificationModels = ReturnType<typeof defineNotificationModels>;
