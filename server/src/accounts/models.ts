import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Role } from '../platform/http/auth';
import type { AccountStatus } from '../reference/vocabulary';

export interface UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  id: CreationOptional<number>;
  phone: string | null;
  passwordHash: string | null;
  name: string;
  role: Role;
  wechatOpenId: string | null;
  /** Part of every token; raising it ends every token issued before. */
  tokenVersion: CreationOptional<number>;
  status: CreationOptional<AccountStatus>;
  /** Set by an admin's temporary password: nothing but changing it until it is changed. */
  mustChangePassword: CreationOptional<boolean>;
  /** When the holder deleted the account (personal fields erased); such an account never comes back. */
  erasedAt: CreationOptional<Date | null>;
  /** The district of a `district` account (a 6-digit code); null for every other role. */
  districtCode: CreationOptional<string | null>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export interface PasswordResetCodeRow extends Model<InferAttributes<PasswordResetCodeRow>, InferCreationAttributes<PasswordResetCodeRow>> {
  id: CreationOptional<number>;
  userId: number;
  /** HMAC of the code: the code itself is only ever in the SMS. */
  codeHash: string;
  expiresAt: Date;
  wrongTries: CreationOptional<number>;
  usedAt: CreationOptional<Date | null>;
  createdAt: Date;
}

export interface SmsSendRow extends Model<InferAttributes<SmsSendRow>, InferCreationAttributes<SmsSendRow>> {
  id: CreationOptional<number>;
  phone: string;
  sentAt: Date;
}

export interface LoginFailureRow extends Model<InferAttributes<LoginFailureRow>, InferCreationAttributes<LoginFailureRow>> {
  id: CreationOptional<number>;
  phone: string;
  failedAt: Date;
}

export function defineAccountModels(sequelize: Sequelize) {
  const User = sequelize.define<UserRow>(
    'User',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      phone: { type: DataTypes.STRING(11), allowNull: true, unique: true },
      passwordHash: { type: DataTypes.STRING(255), allowNull: true },
      name: { type: DataTypes.STRING(50), allowNull: false },
      role: { type: DataTypes.STRING(20), allowNull: false },
      wechatOpenId: { type: DataTypes.STRING(64), allowNull: true, unique: true, field: 'wechat_openid' },
      tokenVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
      mustChangePassword: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      erasedAt: { type: DataTypes.DATE(3), allowNull: true },
      districtCode: { type: DataTypes.STRING(6), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'users', underscored: true },
  );
  const LoginFailure = sequelize.define<LoginFailureRow>(
    'LoginFailure',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      phone: { type: DataTypes.STRING(11), allowNull: false },
      failedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'login_failures', underscored: true, timestamps: false },
  );
  const PasswordResetCode = sequelize.define<PasswordResetCodeRow>(
    'PasswordResetCode',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      codeHash: { type: DataTypes.CHAR(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      wrongTries: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'password_reset_codes', underscored: true, timestamps: false },
  );
  const SmsSend = sequelize.define<SmsSendRow>(
    'SmsSend',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      phone: { type: DataTypes.STRING(11), allowNull: false },
      sentAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'sms_sends', underscored: true, timestamps: false },
  );
  return { User, LoginFailure, PasswordResetCode, SmsSend };
}

export type AccountModels = ReturnType<typeof defineAccountModels>;
