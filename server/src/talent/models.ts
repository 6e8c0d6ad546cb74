import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize, type Transaction } from 'sequelize';
import { jsonText } from '../platform/json';
import type { Category, Education, Gender, IpField, OrgType, RecordSource, RecordStatus, Tier, TitleLevel, TitleSeries } from '../reference/vocabulary';

export type { RecordSource };

/** One person in the talent database (人才库), whether they signed up or were imported. */
export interface PractitionerRow extends Model<InferAttributes<PractitionerRow>, InferCreationAttributes<PractitionerRow>> {
  id: CreationOptional<number>;
  userId: number | null;
  name: string;
  idHash: string;
  idMasked: string;
  gender: Gender;
  birthDate: string;
  district: string;
  orgName: string;
  orgType: OrgType;
  category: Category;
  ipFields: IpField[];
  titleLevel: TitleLevel;
  /** null on records from before it was asked. */
  titleSeries: CreationOptional<TitleSeries | null>;
  education: CreationOptional<Education | null>;
  /** The highest degree is in IP or IP law. */
  ipDegree: CreationOptional<boolean>;
  /** 统一社会信用代码 of the service agency the person works for. */
  agencyCreditCode: CreationOptional<string | null>;
  qualifications: string[];
  email: string | null;
  tier: CreationOptional<Tier>;
  status: CreationOptional<RecordStatus>;
  rejectReason: string | null;
  verifiedAt: Date | null;
  source: RecordSource;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

/** The facts about a record that statistics count by. */
export interface PractitionerSnapshot {
  /** null only for a record just inserted in bulk (insertMany does not learn the ids). */
  id: number | null;
  status: RecordStatus;
  district: string;
  orgType: OrgType;
  category: Category;
  titleLevel: TitleLevel;
  tier: Tier;
  education: Education | null;
  titleSeries: TitleSeries | null;
  ipDegree: boolean;
  verifiedAt: Date | null;
}

/** One record's change: before is null for a new record, after is null for a removed one. */
export interface PractitionerChange {
  before: PractitionerSnapshot | null;
  after: PractitionerSnapshot | null;
}

/**
 * Told about every created, changed or removed record, inside the transaction that did it: one change
 * per call from the hooks, every row of a bulk insert (insertMany) in one call.
 */
export type PractitionerListener = (changes: PractitionerChange[], transaction: Transaction | null) => Promise<void>;

const SNAPSHOT_KEYS = ['id', 'status', 'district', 'orgType', 'category', 'titleLevel', 'tier', 'education', 'titleSeries', 'ipDegree', 'verifiedAt'] as const;

function snapshot(read: (key: (typeof SNAPSHOT_KEYS)[number]) => unknown): PractitionerSnapshot {
  return Object.fromEntries(SNAPSHOT_KEYS.map((k) => [k, read(k)])) as unknown as PractitionerSnapshot;
}

/** The fields a version keeps; a change to none of them writes no version. */
const VERSIONED_KEYS = ['status', 'district', 'orgType', 'category', 'titleLevel', 'tier', 'education', 'titleSeries', 'ipDegree', 'verifiedAt'] as const;

const sameMoment = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? a !== null && b !== null && new Date(a as Date).getTime() === new Date(b as Date).getTime() : a === b);

/** A change statistics of a past moment must know about: a new or removed record, or a counted field changed. */
export function changesHistory({ before, after }: PractitionerChange): boolean {
  if (!before || !after) return true;
  return VERSIONED_KEYS.some((k) => !sameMoment(before[k], after[k]));
}

/**
 * The talent records and their history. `listener` (the statistics' tallies) hears every change in its
 * transaction; `now` stamps the versions the hooks write beside each change.
 */
export function defineTalentModels(sequelize: Sequelize, listener?: PractitionerListener, now: () => Date = () => new Date()) {
  const PractitionerVersion = sequelize.define<PractitionerVersionRow>(
    'PractitionerVersion',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      practitionerId: { type: DataTypes.INTEGER, allowNull: false },
      validFrom: { type: DataTypes.DATE(3), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      district: { type: DataTypes.CHAR(6), allowNull: false },
      orgType: { type: DataTypes.STRING(32), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      titleLevel: { type: DataTypes.STRING(32), allowNull: false },
      tier: { type: DataTypes.STRING(32), allowNull: false },
      education: { type: DataTypes.STRING(16), allowNull: true },
      ipDegree: { type: DataTypes.BOOLEAN, allowNull: false },
      titleSeries: { type: DataTypes.STRING(16), allowNull: true },
      verifiedAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { tableName: 'practitioner_versions', underscored: true, timestamps: false },
  );

  const versionAttributes = Object.fromEntries(Object.values(PractitionerVersion.getAttributes()).map((a) => [a.field ?? '', a]));
  const versionFields = Object.fromEntries(Object.entries(PractitionerVersion.getAttributes()).map(([key, a]) => [key, a.field ?? key]));

  /**
   * A batch's timestamps are a few distinct instants: each formatted once by its column's type (as the
   * query generator would, moment.js and all), not once or more per row. All the DATE(3) columns of
   * both tables share one type.
   */
  function dateLiterals() {
    const formatted = new Map<number, ReturnType<Sequelize['literal']>>();
    const type = Practitioner.getAttributes().verifiedAt.type as { stringify(value: unknown, options?: object): string };
    const timezone = (sequelize as unknown as { options: { timezone?: string } }).options.timezone;
    return (_key: string, date: Date) => {
      let literal = formatted.get(date.getTime());
      if (!literal) {
        literal = sequelize.literal(sequelize.escape(type.stringify(date, { timezone })));
        formatted.set(date.getTime(), literal);
      }
      return literal;
    };
  }

  /** Writes the versions of a set of changes (one statement), then tells the listener. */
  async function notify(changes: PractitionerChange[], transaction: Transaction | null): Promise<void> {
    const dateLiteral = dateLiterals();
    const at = dateLiteral('validFrom', now());
    const rows = changes.filter(changesHistory).flatMap(({ before, after }) => {
      const state = after ?? (before ? { ...before, status: 'removed' as const } : null);
      if (!state || state.id === null) return [];
      const version: Record<string, unknown> = { practitionerId: state.id, validFrom: at };
      for (const k of VERSIONED_KEYS) version[k] = state[k] ?? null;
      version.ipDegree = Boolean(state.ipDegree);
      if (state.verifiedAt) version.verifiedAt = dateLiteral('verifiedAt', new Date(state.verifiedAt));
      return [Object.fromEntries(Object.entries(version).map(([k, v]) => [versionFields[k], v]))];
    });
    for (let i = 0; i < rows.length; i += 500) {
      await sequelize.getQueryInterface().bulkInsert(PractitionerVersion.getTableName() as string, rows.slice(i, i + 500), { transaction }, versionAttributes);
    }
    if (listener) await listener(changes, transaction);
  }

  const Practitioner = sequelize.define<PractitionerRow>(
    'Practitioner',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      name: { type: DataTypes.STRING(50), allowNull: false },
      idHash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
      idMasked: { type: DataTypes.STRING(18), allowNull: false },
      gender: { type: DataTypes.STRING(8), allowNull: false },
      birthDate: { type: DataTypes.DATEONLY, allowNull: false },
      district: { type: DataTypes.CHAR(6), allowNull: false },
      orgName: { type: DataTypes.STRING(100), allowNull: false },
      orgType: { type: DataTypes.STRING(32), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      ipFields: { type: DataTypes.TEXT, allowNull: false, ...jsonText<IpField[]>('ipFields', []) },
      titleLevel: { type: DataTypes.STRING(32), allowNull: false },
      titleSeries: { type: DataTypes.STRING(16), allowNull: true },
      education: { type: DataTypes.STRING(16), allowNull: true },
      ipDegree: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      agencyCreditCode: { type: DataTypes.STRING(18), allowNull: true },
      qualifications: { type: DataTypes.TEXT, allowNull: false, ...jsonText<string[]>('qualifications', []) },
      email: { type: DataTypes.STRING(254), allowNull: true },
      tier: { type: DataTypes.STRING(32), allowNull: false, defaultValue: 'none' },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      rejectReason: { type: DataTypes.STRING(500), allowNull: true },
      verifiedAt: { type: DataTypes.DATE(3), allowNull: true },
      source: { type: DataTypes.STRING(16), allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    {
      tableName: 'practitioners',
      underscored: true,
      hooks: notify
        ? {
            // Bulk writes through the model go row by row through the hooks below, and insertMany (the
            // import's bulk path) tells the listener itself: no write path escapes the listener.
            beforeBulkUpdate: (options) => {
              options.individualHooks = true;
            },
            beforeBulkDestroy: (options) => {
              options.individualHooks = true;
            },
            beforeBulkCreate: (_rows, options) => {
              // Rows the database skips or merges would be counted as created.
              if (options.ignoreDuplicates || options.updateOnDuplicate) throw new Error('Practitioner.bulkCreate: ignoreDuplicates/updateOnDuplicate would put the statistics out of step');
              options.individualHooks = true;
            },
            afterCreate: (row, options) => notify([{ before: null, after: snapshot((k) => row.get(k)) }], options.transaction ?? null),
            afterUpdate: (row, options) =>
              notify(
                [{ before: snapshot((k) => (row.changed(k) ? row.previous(k) : row.get(k))), after: snapshot((k) => row.get(k)) }],
                options.transaction ?? null,
              ),
            afterDestroy: (row, options) => notify([{ before: snapshot((k) => row.get(k)), after: null }], options.transaction ?? null),
          }
        : {},
    },
  );

  // Column names and attribute definitions by column, as the query generator wants them.
  const byField = Object.fromEntries(Object.values(Practitioner.getAttributes()).map((a) => [a.field ?? '', a]));
  const fieldOf = Object.fromEntries(Object.entries(Practitioner.getAttributes()).map(([key, a]) => [key, a.field ?? key]));

  /**
   * Inserts many new records in one statement and tells the listener in the same transaction: the
   * import's bulk path. The SQL is the one bulkCreate would send (the same query generator and
   * attribute types, so values are stored exactly alike) without building a model instance per row,
   * which cost 150 µs a row (10,000 rows: 1.5 s of CPU). The listener learns no ids (a new record has
   * no credit totals to carry).
   */
  async function insertMany(rows: NewPractitioner[], transaction: Transaction): Promise<void> {
    if (rows.length === 0) return;
    const dateLiteral = dateLiterals();
    const now = dateLiteral('createdAt', new Date());
    const record = (r: NewPractitioner) => {
      const values: Record<string, unknown> = {
        ...r,
        ipFields: JSON.stringify(r.ipFields),
        qualifications: JSON.stringify(r.qualifications),
        verifiedAt: r.verifiedAt ? dateLiteral('verifiedAt', r.verifiedAt) : null,
        birthDate: /^\d{4}-\d{2}-\d{2}$/.test(r.birthDate) ? sequelize.literal(sequelize.escape(r.birthDate)) : r.birthDate, // already as DATEONLY stores it
        createdAt: now,
        updatedAt: now,
      };
      const byColumn: Record<string, unknown> = {};
      for (const key in values) byColumn[fieldOf[key]] = values[key];
      return byColumn;
    };
    await sequelize.getQueryInterface().bulkInsert(Practitioner.getTableName() as string, rows.map(record), { transaction }, byField);
    // The history needs the new ids: looked up by the unique ID hash, a page at a time.
    const ids = new Map<string, number>();
    for (let i = 0; i < rows.length; i += 500) {
      const found = await Practitioner.findAll({ attributes: ['id', 'idHash'], where: { idHash: rows.slice(i, i + 500).map((r) => r.idHash) }, transaction, raw: true });
      for (const f of found) ids.set(f.idHash, f.id);
    }
    await notify(rows.map((r) => ({ before: null, after: { ...snapshot((k) => r[k as keyof NewPractitioner] ?? null), id: ids.get(r.idHash) ?? null } })), transaction);
  }

  return { Practitioner, PractitionerVersion, insertMany };
}

/**
 * What statistics count a record by, from the moment `validFrom` until its next version: the
 * history that lets a report for a past year count the records as they stood at its end. `removed`
 * marks a record merged into another (it stops counting then).
 */
export interface PractitionerVersionRow extends Model<InferAttributes<PractitionerVersionRow>, InferCreationAttributes<PractitionerVersionRow>> {
  id: CreationOptional<number>;
  practitionerId: number;
  validFrom: Date;
  status: RecordStatus | 'removed';
  district: string;
  orgType: OrgType;
  category: Category;
  titleLevel: TitleLevel;
  tier: Tier;
  education: Education | null;
  ipDegree: boolean;
  titleSeries: TitleSeries | null;
  verifiedAt: Date | null;
}

/** A record as the import creates it: every column but the id and the timestamps. */
export type NewPractitioner = Omit<InferAttributes<PractitionerRow>, 'id' | 'createdAt' | 'updatedAt'>;

export type TalentModels = ReturnType<typeof defineTalentModels>;
