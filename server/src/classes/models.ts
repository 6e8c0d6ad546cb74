import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Stored lifecycle; whether enrollment is open is derived from the window and the clock. */
export type ClassState = 'scheduled' | 'completed' | 'cancelled';

export interface ClassRow extends Model<InferAttributes<ClassRow>, InferCreationAttributes<ClassRow>> {
  id: CreationOptional<number>;
  courseId: number;
  title: string;
  location: string;
  startDate: string;
  endDate: string;
  capacity: number;
  enrollOpensAt: Date;
  enrollClosesAt: Date;
  cancelDeadline: Date | null;
  requiresApproval: boolean;
  state: ClassState;
  completedAt: CreationOptional<Date | null>;
  /** Rises by one each time a completion is undone: a later completion's awards have keys of their own. */
  completionRound: CreationOptional<number>;
  createdBy: number | null;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export interface ClassSessionRow extends Model<InferAttributes<ClassSessionRow>, InferCreationAttributes<ClassSessionRow>> {
  id: CreationOptional<number>;
  classId: number;
  startsAt: Date;
  endsAt: Date;
  topic: string;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export function defineClassModels(sequelize: Sequelize) {
  const Class = sequelize.define<ClassRow>(
    'Class',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      courseId: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      location: { type: DataTypes.STRING(200), allowNull: false },
      startDate: { type: DataTypes.DATEONLY, allowNull: false },
      endDate: { type: DataTypes.DATEONLY, allowNull: false },
      capacity: { type: DataTypes.INTEGER, allowNull: false },
      enrollOpensAt: { type: DataTypes.DATE(3), allowNull: false },
      enrollClosesAt: { type: DataTypes.DATE(3), allowNull: false },
      cancelDeadline: { type: DataTypes.DATE(3), allowNull: true },
      requiresApproval: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      state: { type: DataTypes.STRING(16), allowNull: false },
      completedAt: { type: DataTypes.DATE(3), allowNull: true },
      completionRound: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdBy: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'classes', underscored: true },
  );
  const ClassSession = sequelize.define<ClassSessionRow>(
    'ClassSession',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      classId: { type: DataTypes.INTEGER, allowNull: false },
      startsAt: { type: DataTypes.DATE(3), allowNull: false },
      endsAt: { type: DataTypes.DATE(3), allowNull: false },
      topic: { type: DataTypes.STRING(100), allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'class_sessions', underscored: true },
  );
  return { Class, ClassSession };
}

export type ClassModels = ReturnType<typeof defineClassModels>;
