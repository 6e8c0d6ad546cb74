import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError } from '../platform/errors';
import { readCatalog, type CatalogProblem, type LoadedCourse } from './courseFile';
import type { CatalogModels, CourseRow } from './models';
import type { CourseListQuery, CourseView } from './schemas';
import type { CourseCategory } from '../reference/vocabulary';

export interface SyncReport {
  created: string[];
  updated: string[];
  archived: string[];
  unchanged: number;
}

/** The facts other modules need about a course: classes copy nothing, they look these up. */
export interface CourseFacts {
  id: number;
  code: string;
  title: string;
  category: CourseCategory;
  creditHours: number;
  status: 'active' | 'archived';
}

export function toCourseView(row: CourseRow): CourseView {
  return {
    code: row.code,
    title: row.title,
    summary: row.summary,
    category: row.category,
    creditHours: row.creditHours,
    deliveryMode: row.deliveryMode,
    topics: row.topics,
    audience: row.audience,
    outline: row.outline,
    status: row.status,
  };
}

const toFacts = (row: CourseRow): CourseFacts => ({
  id: row.id,
  code: row.code,
  title: row.title,
  category: row.category,
  creditHours: row.creditHours,
  status: row.status,
});

export class CatalogService {
  constructor(
    private readonly db: Database,
    private readonly models: CatalogModels,
  ) {}

  /**
   * Makes the database match the files, all in one transaction: new codes are created, changed ones
   * updated, codes no longer in the folder archived (never deleted: classes refer to them).
   * The caller passes only a fully valid catalog; a broken file must stop the sync before this.
   */
  async sync(loaded: LoadedCourse[]): Promise<SyncReport> {
    const report: SyncReport = { created: [], updated: [], archived: [], unchanged: 0 };
    await this.db.writeTransaction(async (transaction) => {
      const existing = new Map((await this.models.Course.findAll({ transaction })).map((row) => [row.code, row]));
      for (const { course, contentHash } of loaded) {
        const row = existing.get(course.code);
        existing.delete(course.code);
        const values = { ...course, status: 'active' as const, contentHash };
        if (!row) {
          await this.models.Course.create(values, { transaction });
          report.created.push(course.code);
        } else if (row.contentHash !== contentHash || row.status !== 'active') {
          await row.update(values, { transaction });
          report.updated.push(course.code);
        } else {
          report.unchanged++;
        }
      }
      for (const row of existing.values()) {
        if (row.status === 'archived') continue;
        await row.update({ status: 'archived' }, { transaction });
        report.archived.push(row.code);
      }
    });
    return report;
  }

  /** Reads the folder and syncs it, or changes nothing at all when any file has a problem. */
  async syncFolder(dir: string): Promise<{ problems: CatalogProblem[]; report: SyncReport | null }> {
    const { courses, problems } = readCatalog(dir);
    if (problems.length > 0) return { problems, report: null };
    return { problems, report: await this.sync(courses) };
  }

  async list(query: CourseListQuery): Promise<CourseView[]> {
    const where: WhereOptions<CourseRow> = {};
    if (query.status !== 'all') where.status = query.status;
    if (query.category) where.category = query.category;
    if (query.q) {
      // Wildcards are dropped rather than escaped: SQLite's LIKE has no default escape character.
      const like = `%${query.q.replace(/[\\%_]/g, '')}%`;
      Object.assign(where, { [Op.or]: [{ title: { [Op.like]: like } }, { summary: { [Op.like]: like } }, { topics: { [Op.like]: like } }, { code: { [Op.like]: like } }] });
    }
    const rows = await this.models.Course.findAll({ where, order: [['category', 'ASC'], ['code', 'ASC']] });
    return rows.map(toCourseView);
  }

  async get(code: string): Promise<CourseView> {
    const row = await this.models.Course.findOne({ where: { code } });
    if (!row) throw new NotFoundError(`没有课程 ${code}`);
    return toCourseView(row);
  }

  async factsByCode(code: string, transaction?: Transaction): Promise<CourseFacts | null> {
    const row = await this.models.Course.findOne({ where: { code }, transaction });
    return row ? toFacts(row) : null;
  }

  async factsByIds(ids: number[]): Promise<Map<number, CourseFacts>> {
    if (ids.length === 0) return new Map();
    const rows = await this.models.Course.findAll({ where: { id: [...new Set(ids)] } });
    return new Map(rows.map((row) => [row.id, toFacts(row)]));
  }

  /** A class may only be opened for an active course. */
  async activeCourseFacts(code: string, transaction?: Transaction): Promise<CourseFacts> {
    const facts = await this.factsByCode(code, transaction);
    if (!facts) throw new NotFoundError(`没有课程 ${code}`);
    if (facts.status !== 'active') throw new ConflictError(`课程 ${code} 已下架，不能开班`, 'COURSE_ARCHIVED');
    return facts;
  }
}
