import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Category, CourseCategory, DeliveryMode } from '../reference/vocabulary';
import { jsonText } from '../platform/json';

export interface OutlineUnit {
  title: string;
  hours: number;
  description?: string;
}

export interface CourseRow extends Model<InferAttributes<CourseRow>, InferCreationAttributes<CourseRow>> {
  id: CreationOptional<number>;
  code: string;
  title: string;
  summary: string;
  category: CourseCategory;
  creditHours: number;
  deliveryMode: DeliveryMode;
  topics: string[];
  audience: Category[];
  outline: OutlineUnit[];
  status: 'active' | 'archived';
  contentHash: string;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export function defineCatalogModels(sequelize: Sequelize) {
  const Course = sequelize.define<CourseRow>(
    'Course',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      title: { type: DataTypes.STRING(60), allowNull: false },
      summary: { type: DataTypes.TEXT, allowNull: false },
      category: { type: DataTypes.STRING(16), allowNull: false },
      creditHours: { type: DataTypes.DOUBLE, allowNull: false },
      deliveryMode: { type: DataTypes.STRING(16), allowNull: false },
      topics: { type: DataTypes.TEXT, allowNull: false, ...jsonText<string[]>('topics', []) },
      audience: { type: DataTypes.TEXT, allowNull: false, ...jsonText<Category[]>('audience', []) },
      outline: { type: DataTypes.TEXT, allowNull: false, ...jsonText<OutlineUnit[]>('outline', []) },
      status: { type: DataTypes.STRING(16), allowNull: false },
      contentHash: { type: DataTypes.CHAR(64), allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'courses', underscored: true },
  );
  return { Course };
}

export type CatalogModels = ReturnType<typeof defineCatalogModels>;
