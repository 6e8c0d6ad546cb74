import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import type { AuditService } from '../audit/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors';
import type { Page } from '../platform/http/pagination';
import { containsPattern } from '../platform/search';
import { shanghaiDate } from '../platform/time';
import { DISTRICTS, districtName } from '../reference/districts';
import { SERVICE_TYPES } from '../reference/vocabulary';
import type { AgencyMembers, MemberCompliance } from './members';
import type { AgencyRow, AgencyModels } from './models';
import type { AgencyFigures, AgencyFilters, AgencyInput, AgencyListQuery, AgencyMemberView, AgencyOfficeView, AgencyPublicView, PatchAgencyInput } from './schemas';

/** The strategy's targets: 200 verified agencies, 5 亿元 of annual revenue. */
export const AGENCY_TARGET = 200;
export const REVENUE_TARGET_YUAN = 500_000_000;

const NOT_FOUND = '服务机构不存在';
export const CREDIT_CODE_TAKEN = '该统一社会信用代码已登记，请在机构名录中查找该机构';
export const creditCodeTaken = () => new ConflictError(CREDIT_CODE_TAKEN, 'CREDIT_CODE_TAKEN', [{ path: 'creditCode', message: CREDIT_CODE_TAKEN }]);
export const outsideDistrict = (district: string) => `只能登记本区县（${districtName(district) ?? district}）的机构`;

/** 计入目标 for agencies: verified (an inactive or rejected one does not count); one credit code is one row. */
export const countsTowardAgencyTarget = (agency: { status: string }): boolean => agency.status === 'verified';

/** Whether an agency lies in what the caller may see: the whole city (null) or one district. */
const withinDistrict = (agency: { district: string }, district: string | null) => district === null || agency.district === district;

/** What an audit entry keeps of an agency. */
const audited = (row: AgencyRow) => ({
  name: row.name,
  creditCode: row.creditCode,
  serviceTypes: row.serviceTypes,
  district: row.district,
  address: row.address,
  contactName: row.contactName,
  contactPhone: row.contactPhone,
  revenueYear: row.revenueYear,
  revenueYuan: row.revenueYuan,
  status: row.status,
  rejectReason: row.rejectReason,
});

/** The columns an input sets (annualRevenue becomes year and amount; absent keys are left alone). */
export function agencyColumns(input: Partial<AgencyInput>): Partial<AgencyRow['_creationAttributes']> {
  const columns: Partial<AgencyRow['_creationAttributes']> = {};
  for (const key of ['name', 'creditCode', 'serviceTypes', 'district'] as const) if (input[key] !== undefined) (columns as Record<string, unknown>)[key] = input[key];
  for (const key of ['address', 'contactName', 'contactPhone'] as const) if (input[key] !== undefined) columns[key] = input[key] ?? null;
  if (input.annualRevenue !== undefined) {
    columns.revenueYear = input.annualRevenue?.year ?? null;
    columns.revenueYuan = input.annualRevenue?.amountYuan ?? null;
  }
  return columns;
}

export const toPublicView = (row: AgencyRow): AgencyPublicView => ({
  name: row.name,
  creditCode: row.creditCode,
  serviceTypes: row.serviceTypes,
  district: row.district,
  districtName: districtName(row.district) ?? row.district,
  status: 'verified',
});

/**
 * The registry of 知识产权服务机构: search (the office sees everything, anyone else the verified
 * agencies' public fields), create, change, verify, reject, deactivate (all audited), the
 * practitioners who work for one, and the dashboard's figures. Every office method takes the caller's
 * district (null: the whole city); another district's agency is "not found".
 */
export class AgencyService {
  constructor(
    private readonly db: Database,
    private readonly models: AgencyModels,
    private readonly members: AgencyMembers,
    /** Whether a member meets a year's rule (credits' rule and assess, given by modules.ts). */
    private readonly compliance: MemberCompliance,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  currentYear(): number {
    return Number(shanghaiDate(this.clock.now()).slice(0, 4));
  }

  async officeViews(rows: AgencyRow[]): Promise<AgencyOfficeView[]> {
    const counts = await this.members.countByCreditCode(rows.map((r) => r.creditCode));
    return rows.map((row) => ({
      id: row.id,
      ...toPublicView(row),
      status: row.status,
      address: row.address,
      contactName: row.contactName,
      contactPhone: row.contactPhone,
      annualRevenue: row.revenueYear !== null && row.revenueYuan !== null ? { year: row.revenueYear, amountYuan: row.revenueYuan } : null,
      rejectReason: row.rejectReason,
      verifiedAt: row.verifiedAt,
      source: row.source,
      practitionerCount: counts.get(row.creditCode) ?? 0,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
  }

  /** Filters shared by the search, the public list and the export. */
  where(filters: AgencyFilters, district: string | null): WhereOptions<AgencyRow> {
    const where: Record<string | symbol, unknown> = {};
    const and: unknown[] = [];
    if (district) {
      if (filters.district && filters.district !== district) return { id: 0 }; // ids start at 1: nothing matches
      where.district = district;
    }
    if (filters.district) where.district = filters.district;
    if (filters.status) where.status = filters.status;
    // Stored as JSON text: the quoted value cannot match inside another (no value contains another's quotes).
    if (filters.serviceType) and.push({ serviceTypes: { [Op.like]: `%"${filters.serviceType}"%` } });
    if (filters.q) {
      const like = containsPattern(filters.q);
      if (!like) return { id: 0 };
      and.push({ [Op.or]: [{ name: { [Op.like]: like } }, { creditCode: { [Op.like]: like.toUpperCase() } }] });
    }
    if (and.length) where[Op.and] = and;
    return where as WhereOptions<AgencyRow>;
  }

  async search(query: AgencyListQuery, district: string | null): Promise<Page<AgencyOfficeView>> {
    const { rows, count } = await this.models.Agency.findAndCountAll({ where: this.where(query, district), order: [['id', 'DESC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: await this.officeViews(rows), total: count, page: query.page, pageSize: query.pageSize };
  }

  /** What anyone may see: verified agencies (whatever status was asked for), public fields, by name. */
  async publicList(query: AgencyListQuery): Promise<Page<AgencyPublicView>> {
    const { rows, count } = await this.models.Agency.findAndCountAll({ where: this.where({ ...query, status: 'verified' }, null), order: [['name', 'ASC'], ['id', 'ASC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: rows.map(toPublicView), total: count, page: query.page, pageSize: query.pageSize };
  }

  async *exportRows(filters: AgencyFilters, district: string | null, batch = 1000): AsyncGenerator<AgencyOfficeView[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.models.Agency.findAll({ where: { [Op.and]: [this.where(filters, district), { id: { [Op.gt]: afterId } }] } as WhereOptions<AgencyRow>, order: [['id', 'ASC']], limit: batch });
      if (rows.length === 0) return;
      yield await this.officeViews(rows);
      afterId = rows[rows.length - 1].id;
    }
  }

  private async row(id: number, district: string | null, transaction?: Transaction): Promise<AgencyRow> {
    const row = await this.models.Agency.findByPk(id, transaction ? { transaction, lock: transaction.LOCK.UPDATE } : {});
    if (!row || !withinDistrict(row, district)) throw new NotFoundError(NOT_FOUND);
    return row;
  }

  async get(id: number, district: string | null): Promise<AgencyOfficeView> {
    return (await this.officeViews([await this.row(id, district)]))[0];
  }

  /** The unique index decides between two racing for one code; the loser is told which field. */
  private async unlessTaken<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw creditCodeTaken();
      throw err;
    }
  }

  /** Entered by the office or district staff (district staff only in their district): pending until verified. */
  async create(actorId: number, input: AgencyInput, district: string | null): Promise<AgencyOfficeView> {
    if (district && input.district !== district) throw new ValidationError([{ path: 'district', message: outsideDistrict(district) }]);
    const id = await this.unlessTaken(() =>
      this.db.writeTransaction(async (transaction) => {
        if (await this.models.Agency.findOne({ where: { creditCode: input.creditCode }, transaction })) throw creditCodeTaken();
        const row = await this.models.Agency.create(
          { name: input.name, creditCode: input.creditCode, serviceTypes: input.serviceTypes, district: input.district, address: null, contactName: null, contactPhone: null, revenueYear: null, revenueYuan: null, ...agencyColumns(input), status: 'pending', rejectReason: null, verifiedAt: null, source: 'office' },
          { transaction },
        );
        await this.audit.record({ actorId, action: 'agency.create', entity: 'agency', entityId: row.id, district: row.district, before: null, after: audited(row) }, transaction);
        return row.id;
      }),
    );
    return this.get(id, district);
  }

  private async change(actorId: number, id: number, district: string | null, action: string, apply: (row: AgencyRow) => Partial<AgencyRow['_creationAttributes']> | null): Promise<AgencyOfficeView> {
    await this.unlessTaken(() =>
      this.db.writeTransaction(async (transaction) => {
        const row = await this.row(id, district, transaction);
        const changes = apply(row);
        if (!changes) return;
        const before = audited(row);
        await row.update(changes, { transaction });
        await this.audit.record({ actorId, action, entity: 'agency', entityId: id, district: row.district, before, after: audited(row) }, transaction);
      }),
    );
    return this.get(id, district);
  }

  /** Changes the fields given; `status: 'inactive'` deactivates (audited as agency.deactivate). The status stays otherwise. */
  update(actorId: number, id: number, input: PatchAgencyInput, district: string | null): Promise<AgencyOfficeView> {
    if (district && input.district !== undefined && input.district !== district) throw new ValidationError([{ path: 'district', message: outsideDistrict(district) }]);
    return this.change(actorId, id, district, input.status ? 'agency.deactivate' : 'agency.update', (row) => {
      const wanted: Record<string, unknown> = { ...agencyColumns(input) };
      if (input.status === 'inactive') wanted.status = 'inactive';
      const changes = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => JSON.stringify(row.get(key as keyof AgencyRow)) !== JSON.stringify(value)));
      return Object.keys(changes).length ? changes : null;
    });
  }

  /** Verified counts toward the 200 (a deactivated agency is restored this way). Verifying again changes nothing. */
  verify(actorId: number, id: number, district: string | null): Promise<AgencyOfficeView> {
    return this.change(actorId, id, district, 'agency.verify', (row) => (row.status === 'verified' ? null : { status: 'verified', verifiedAt: this.clock.now(), rejectReason: null }));
  }

  reject(actorId: number, id: number, reason: string, district: string | null): Promise<AgencyOfficeView> {
    return this.change(actorId, id, district, 'agency.reject', (row) => {
      if (row.status === 'inactive') throw new ConflictError('已停用的机构不能驳回', 'AGENCY_INACTIVE');
      return { status: 'rejected', rejectReason: reason, verifiedAt: null };
    });
  }

  /** The verified practitioners who name the agency, with their hours in `year` and whether they meet its rule. */
  async practitioners(id: number, district: string | null, year: number, page: { page: number; pageSize: number }): Promise<Page<AgencyMemberView>> {
    const row = await this.row(id, district);
    const [compliant, { rows, total }] = await Promise.all([this.compliance(year), this.members.membersOf(row.creditCode, year, page)]);
    return {
      items: rows.map((m) => ({ ...m, year, compliant: compliant(m) })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  /**
   * The dashboard's agency figures, for the city (null) or one district: verified agencies against
   * the 200, by service type and by district, and a year's revenue against 5 亿 (the latest year
   * reported, or `at`'s year). With `at` (the end of a past year) only agencies verified by then count:
   * agencies keep no history, so one deactivated since is left out of the past too.
   */
  async figures(district: string | null, past?: { year: number; at: Date }): Promise<AgencyFigures> {
    const rows = await this.models.Agency.findAll({
      attributes: ['district', 'serviceTypes', 'revenueYear', 'revenueYuan', 'status'],
      where: { status: 'verified', ...(district ? { district } : {}), ...(past ? { verifiedAt: { [Op.lt]: past.at } } : {}) },
    });
    const counted = rows.filter(countsTowardAgencyTarget);
    const byType = new Map<string, number>();
    const byDistrict = new Map<string, number>();
    let latestYear: number | null = null;
    for (const row of counted) {
      for (const type of new Set(row.serviceTypes)) byType.set(type, (byType.get(type) ?? 0) + 1);
      byDistrict.set(row.district, (byDistrict.get(row.district) ?? 0) + 1);
      if (row.revenueYear !== null && row.revenueYuan !== null && (latestYear === null || row.revenueYear > latestYear)) latestYear = row.revenueYear;
    }
    const year = past?.year ?? latestYear ?? this.currentYear();
    const totalYuan = counted.reduce((sum, row) => sum + (row.revenueYear === year && row.revenueYuan !== null ? row.revenueYuan : 0), 0);
    return {
      target: { count: AGENCY_TARGET },
      verified: counted.length,
      byServiceType: SERVICE_TYPES.options.map((o) => ({ value: o.value, label: o.label, count: byType.get(o.value) ?? 0 })),
      byDistrict: (district ? DISTRICTS.filter((d) => d.code === district) : DISTRICTS).map((d) => ({ code: d.code, name: d.name, count: byDistrict.get(d.code) ?? 0 })),
      revenue: { year, totalYuan, targetYuan: REVENUE_TARGET_YUAN },
    };
  }
}
