import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Role } from '../platform/http/auth';

export interface UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  id: CreationOptional<number>;
  phone: string | null;
  passwordHash: string | null;
  name: string;
  role: Role;
  wechatOpenId: string | null;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
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
  return { User, LoginFailure };
}

export type AccountModels = ReturnType<typeof defineAccountModels>;
