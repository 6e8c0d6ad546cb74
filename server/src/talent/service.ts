import { createHash, randomUUID } from 'node:crypto';
import { Op, UniqueConstraintError, type InferCreationAttributes, type Transaction } from 'sequelize';
import type { Database } from '../platform/db';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors';
import { districtName } from '../reference/districts';
import { titleName, type Category, type RecordStatus, type TitleLevel } from '../reference/vocabulary';
import { hashIdNumber, maskIdNumber } from './idNumber';
import type { PractitionerRow, TalentModels } from './models';
import type { PractitionerSelfView, ProfileInput } from './schemas';

export interface RosterSummary {
  id: number;
  userId: number | null;
  name: string;
  orgName: string;
  district: string;
  districtName: string;
  category: Category;
  titleLevel: TitleLevel;
}

/** The columns a practitioner's own form sets. */
type ProfileFields = Pick<
  InferCreationAttributes<PractitionerRow>,
  | 'name' | 'idHash' | 'idMasked' | 'gender' | 'birthDate' | 'district' | 'orgName' | 'orgType' | 'category' | 'ipFields' | 'titleLevel'
  | 'titleSeries' | 'education' | 'ipDegree' | 'agencyCreditCode' | 'qualifications' | 'email'
>;

/** What an erased record shows in place of the person's name, ID and organisation. */
export const ERASED_RECORD_NAME = '已注销';

const ID_TAKEN_MESSAGE = '该身份证号码已被其他账号使用，如有疑问请联系人才办';

/**
 * The status a record has after its holder saves it. The office verified a name and an ID number
 * together, so changing either sends the record back for review; a rejected record goes back for
 * review when resubmitted. Anything else keeps its status.
 */
export function statusAfterSave(current: RecordStatus, identityChanged: boolean): RecordStatus {
  if (identityChanged || current === 'rejected') return 'pending';
  return current;
}

export function toSelfView(row: PractitionerRow): PractitionerSelfView {
  return {
    id: row.id,
    name: row.name,
    idNumberMasked: row.idMasked,
    gender: row.gender,
    birthDate: row.birthDate,
    district: row.district,
    districtName: districtName(row.district) ?? row.district,
    orgName: row.orgName,
    orgType: row.orgType,
    category: row.category,
    ipFields: row.ipFields,
    titleLevel: row.titleLevel,
    titleSeries: row.titleSeries ?? null,
    titleName: titleName(row.titleSeries ?? null, row.titleLevel),
    education: row.education ?? null,
    ipDegree: Boolean(row.ipDegree),
    agencyCreditCode: row.agencyCreditCode ?? null,
    qualifications: row.qualifications,
    email: row.email,
    tier: row.tier,
    status: row.status,
    rejectReason: row.rejectReason,
    verifiedAt: row.verifiedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What other modules hear of a talent record's changes (the statistics keep their tallies by them). */
export type { PractitionerChange, PractitionerSnapshot } from './models';

export class TalentService {
  constructor(
    private readonly db: Database,
    private readonly models: TalentModels,
    private readonly idHashKey: string,
  ) {}

  /** The few facts a class roster shows of each person. */
  async rosterSummaries(ids: number[]): Promise<Map<number, RosterSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.models.Practitioner.findAll({
      where: { id: [...new Set(ids)] },
      attributes: ['id', 'userId', 'name', 'orgName', 'district', 'category', 'titleLevel'],
    });
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, userId: r.userId, name: r.name, orgName: r.orgName, district: r.district, districtName: districtName(r.district) ?? r.district, category: r.category, titleLevel: r.titleLevel },
      ]),
    );
  }

  /** The district of a practitioner's record (null if there is none): the audit trail files entries about them under it. */
  async districtOf(practitionerId: number, transaction?: Transaction): Promise<string | null> {
    const row = await this.models.Practitioner.findByPk(practitionerId, { attributes: ['district'], transaction });
    return row?.district ?? null;
  }

  /** The account of each of these practitioners that has one (imported records may have none): whom to tell. */
  async accountsOf(practitionerIds: number[], transaction?: Transaction): Promise<Map<number, number>> {
    if (practitionerIds.length === 0) return new Map();
    const rows = await this.models.Practitioner.findAll({ where: { id: [...new Set(practitionerIds)], userId: { [Op.ne]: null } }, attributes: ['id', 'userId'], transaction });
    return new Map(rows.map((r) => [r.id, r.userId!]));
  }

  /** Throws 404 unless a talent record with this id exists. */
  async requireRecord(id: number): Promise<void> {
    if ((await this.models.Practitioner.count({ where: { id } })) === 0) throw new NotFoundError('人才档案不存在');
  }

  /** The signed-in practitioner's record, or 403 PROFILE_REQUIRED telling them to fill it in first. */
  async requireOwnRecord(userId: number): Promise<PractitionerSelfView> {
    const record = await this.getOwnRecord(userId);
    if (!record) throw new ForbiddenError('请先填写人才档案（我的 → 人才档案），再进行此操作', 'PROFILE_REQUIRED');
    return record;
  }

  /**
   * PIPL deletion of the holder's record, inside the caller's transaction: the name, ID number (its
   * hash is replaced, so the person could register again), organisation, qualifications and e-mail go;
   * birth date keeps only its year; the row stays, detached from the account, as an inactive record
   * (it stops counting) so the enrollments and hours that refer to it keep their place in past figures.
   * Returns the record's id, or null when the account had none.
   */
  async eraseOwnRecord(userId: number, transaction: Transaction): Promise<number | null> {
    const row = await this.models.Practitioner.findOne({ where: { userId }, transaction, lock: transaction.LOCK.UPDATE });
    if (!row) return null;
    await row.update(
      {
        userId: null,
        name: ERASED_RECORD_NAME,
        idHash: createHash('sha256').update(`erased:${row.id}:${randomUUID()}`).digest('hex'),
        idMasked: ERASED_RECORD_NAME,
        birthDate: `${row.birthDate.slice(0, 4)}-01-01`,
        orgName: ERASED_RECORD_NAME,
        qualifications: [],
        email: null,
        rejectReason: null,
        status: 'inactive',
      },
      { transaction },
    );
    return row.id;
  }

  async getOwnRecord(userId: number): Promise<PractitionerSelfView | null> {
    const row = await this.models.Practitioner.findOne({ where: { userId } });
    return row ? toSelfView(row) : null;
  }

  /**
   * A practitioner saves their talent record. Keyed on the ID number's hash, so one person is one
   * record: an imported record with the same ID number (not yet claimed) becomes this account's record;
   * one held by another account is refused with ID_NUMBER_TAKEN.
   */
  async saveOwnProfile(userId: number, input: ProfileInput): Promise<PractitionerSelfView> {
    const idHash = hashIdNumber(input.idNumber.normalized, this.idHashKey);
    const fields: ProfileFields = {
      name: input.name,
      idHash,
      idMasked: maskIdNumber(input.idNumber.normalized),
      gender: input.idNumber.gender,
      birthDate: input.idNumber.birthDate,
      district: input.district,
      orgName: input.orgName,
      orgType: input.orgType,
      category: input.category,
      ipFields: input.ipFields,
      titleLevel: input.titleLevel,
      titleSeries: input.titleSeries ?? null,
      education: input.education ?? null,
      ipDegree: input.ipDegree,
      agencyCreditCode: input.agencyCreditCode ?? null,
      qualifications: input.qualifications,
      email: input.email ?? null,
    };
    try {
      const row = await this.db.writeTransaction(async (transaction) => {
        const { Practitioner } = this.models;
        const own = await Practitioner.findOne({ where: { userId }, transaction, lock: transaction.LOCK.UPDATE });
        const holder = await Practitioner.findOne({ where: { idHash }, transaction, lock: transaction.LOCK.UPDATE });
        if (holder && holder.userId !== null && holder.userId !== userId) {
          throw new ConflictError(ID_TAKEN_MESSAGE, 'ID_NUMBER_TAKEN', [{ path: 'idNumber', message: ID_TAKEN_MESSAGE }]);
        }
        if (holder && holder.userId === null) return this.claim(holder, own, userId, fields, transaction);
        if (own) {
          const identityChanged = own.name !== fields.name || own.idHash !== fields.idHash;
          const status = statusAfterSave(own.status, identityChanged);
          return own.update({ ...fields, status, ...(status === 'pending' ? { rejectReason: null, verifiedAt: null } : {}) }, { transaction });
        }
        return Practitioner.create({ ...fields, userId, source: 'self', status: 'pending', rejectReason: null, verifiedAt: null }, { transaction });
      });
      return toSelfView(row);
    } catch (err) {
      // Two accounts racing for the same ID number: the unique index decides, the loser is told so.
      if (err instanceof UniqueConstraintError) {
        throw new ConflictError(ID_TAKEN_MESSAGE, 'ID_NUMBER_TAKEN', [{ path: 'idNumber', message: ID_TAKEN_MESSAGE }]);
      }
      throw err;
    }
  }

  /**
   * An account takes over the imported record of the same person. The office verified this name with
   * this ID number, so the same name keeps the imported record's status; another name goes back for
   * review. The tier the office set stays. If the account already has a record of its own, that one
   * survives (it may carry enrollments and credits; an imported record never does) and takes over the
   * imported one's status and tier; the imported row is removed in the same transaction.
   */
  private async claim(
    imported: PractitionerRow,
    own: PractitionerRow | null,
    userId: number,
    fields: ProfileFields,
    transaction: Transaction,
  ): Promise<PractitionerRow> {
    const status = statusAfterSave(imported.status, imported.name !== fields.name);
    const inherited = {
      status,
      tier: imported.tier,
      rejectReason: status === 'pending' ? null : imported.rejectReason,
      verifiedAt: status === 'pending' ? null : imported.verifiedAt,
    };
    if (own) {
      const removed = await this.models.Practitioner.destroy({ where: { id: imported.id, userId: null }, transaction });
      if (removed !== 1) throw new ConflictError(ID_TAKEN_MESSAGE, 'ID_NUMBER_TAKEN', [{ path: 'idNumber', message: ID_TAKEN_MESSAGE }]);
      return own.update({ ...fields, ...inherited }, { transaction });
    }
    const [claimed] = await this.models.Practitioner.update(
      { ...fields, userId, ...inherited },
      { where: { id: imported.id, userId: null }, transaction },
    );
    if (claimed !== 1) throw new ConflictError(ID_TAKEN_MESSAGE, 'ID_NUMBER_TAKEN', [{ path: 'idNumber', message: ID_TAKEN_MESSAGE }]);
    return (await this.models.Practitioner.findByPk(imported.id, { transaction }))!;
  }
}
