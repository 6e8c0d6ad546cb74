import { type Transaction } from 'sequelize';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors';
import type { TalentService } from '../talent/service';
import { CERTIFICATE_CODE, maskName, newCertificateCode } from './code';
import type { CertificateModels, CertificateRow } from './models';
import { renderCertificatePdf } from './pdf';

export type IssueCertificate = Omit<CertificateRow['_creationAttributes'], 'id' | 'code' | 'revokedAt'>;

export class CertificateService {
  constructor(
    private readonly models: CertificateModels,
    private readonly talent: TalentService,
    private readonly publicBaseUrl: string,
  ) {}

  verifyUrl(code: string): string {
    return `${this.publicBaseUrl}/verify/${code}`;
  }

  /**
   * One certificate per practitioner and class (unique index); issuing again returns the first. One
   * withdrawn with an undone completion stands again, with the same code, when the class is completed anew.
   */
  async issue(input: IssueCertificate, transaction: Transaction): Promise<CertificateRow> {
    const existing = await this.models.Certificate.findOne({ where: { practitionerId: input.practitionerId, classId: input.classId }, transaction });
    if (existing?.revokedAt) return existing.update({ ...input, revokedAt: null }, { transaction });
    if (existing) return existing;
    return this.models.Certificate.create({ ...input, code: newCertificateCode() }, { transaction });
  }

  /** Withdraws the class's certificates (an undone completion); returns how many. */
  async revokeOfClass(classId: number, at: Date, transaction: Transaction): Promise<number> {
    const [count] = await this.models.Certificate.update({ revokedAt: at }, { where: { classId, revokedAt: null }, transaction });
    return count;
  }

  /** The class's certificates in force. */
  async ofClass(classId: number, transaction?: Transaction): Promise<{ code: string; practitionerId: number; holderName: string }[]> {
    const rows = await this.models.Certificate.findAll({ where: { classId, revokedAt: null }, order: [['id', 'ASC']], transaction });
    return rows.map((r) => ({ code: r.code, practitionerId: r.practitionerId, holderName: r.holderName }));
  }

  private ownView(row: CertificateRow) {
    return {
      code: row.code,
      holderName: row.holderName,
      courseTitle: row.courseTitle,
      classTitle: row.classTitle,
      hours: row.hours,
      category: row.category,
      issuedAt: row.issuedAt,
      revokedAt: row.revokedAt,
      verifyUrl: this.verifyUrl(row.code),
    };
  }

  async mine(userId: number) {
    const record = await this.talent.getOwnRecord(userId);
    if (!record) return [];
    const rows = await this.models.Certificate.findAll({ where: { practitionerId: record.id }, order: [['issuedAt', 'DESC'], ['id', 'DESC']] });
    return rows.map((r) => this.ownView(r));
  }

  /** PIPL deletion: the certificates stay (their codes still verify as issued) without the holder's name. */
  async eraseHolder(practitionerId: number, erasedName: string, transaction: Transaction): Promise<void> {
    await this.models.Certificate.update({ holderName: erasedName }, { where: { practitionerId }, transaction });
  }

  private async find(code: string): Promise<CertificateRow> {
    const row = CERTIFICATE_CODE.test(code) ? await this.models.Certificate.findOne({ where: { code } }) : null;
    if (!row) throw new NotFoundError('未找到该证书，请核对证书编号');
    return row;
  }

  /** Public verification: the name masked, nothing about the person beyond it. */
  async verify(code: string) {
    const row = await this.find(code);
    return { valid: row.revokedAt === null, revokedAt: row.revokedAt, code: row.code, holderName: maskName(row.holderName), courseTitle: row.courseTitle, classTitle: row.classTitle, hours: row.hours, issuedAt: row.issuedAt };
  }

  /** The printable PDF, for its holder (or the office). */
  async pdf(code: string, viewer: { id: number; role: string }): Promise<Buffer> {
    const row = await this.find(code);
    if (row.revokedAt) throw new ConflictError('该证书已随结业撤销而作废', 'CERTIFICATE_REVOKED');
    if (viewer.role === 'practitioner') {
      const record = await this.talent.getOwnRecord(viewer.id);
      if (record?.id !== row.practitionerId) throw new ForbiddenError('只能下载本人的证书');
    }
    return renderCertificatePdf({ ...row.get({ plain: true }), verifyUrl: this.verifyUrl(row.code) });
  }
}
