// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;
import { CERTIFICATE_CODE, maskName, newCertificateCode } from '../src/certificates/code';
import { auth, binary, createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://px.example.cn' } });
});
afterAll(() => t.close());

describe('certificate codes and masked names', () => {
  it('makes 16-character codes from 80 random bits, without look-alike letters', () => {
    const codes = new Set(Array.from({ length: 5000 }, newCertificateCode));
    expect(codes.size).toBe(5000);
    for (const code of codes) expect(code).toMatch(CERTIFICATE_CODE);
    expect([...codes].join('')).not.toMatch(/[ILOU]/);
  });

  it('masks names so they can be recognised but not read in full', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
  });
});

async function completedCertificate() {
  const { cls, sessions, trainerToken, people } = await t.classWithSessions(1, 2);
  for (const p of people) await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${p.practitionerId}`).set(auth(trainerToken)).send({ status: 'present' }).expect(200);
  const Practitioner = t.db.sequelize.model('Practitioner');
  await Practitioner.update({ name: '欧阳明华' }, { where: { id: people[0].practitionerId } });
  const report = await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200));
  const code = report.body.certificates.find((c: { practitionerId: number }) => c.practitionerId === people[0].practitionerId).code as string;
  return { code, people, trainerToken };
}

describe('public verification', () => {
  it('shows validity, course and hours with the holder name masked, and never any ID data', async () => {
    const { code } = await completedCertificate();
    const res = await t.request.get(`/api/certificates/${code}`).expect(200);
    expect(res.body).toEqual({ valid: true, revokedAt: null, code, holderName: '欧**华', courseTitle: expect.any(String), classTitle: expect.any(String), hours: 32, issuedAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/欧阳明华|idNumber|idMasked|phone|\*{11}/);
    const lower = await t.request.get(`/api/certificates/${code.toLowerCase()}`).expect(200);
    expect(lower.body.code).toBe(code);
  });

  it('answers 404 for unknown and malformed codes', async () => {
    const unknown = await t.request.get(`/api/certificates/${newCertificateCode()}`).expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    await t.request.get('/api/certificates/abc').expect(404);
  });
});

describe('the printable certificate', () => {
  it('is a PDF for its holder and the office, not for other practitioners', async () => {
    const { code, people } = await completedCertificate();
    const pdf = await binary(t.request.get(`/api/certificates/${code}/pdf`).set(auth(people[0].token)))
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // The Chinese font is embedded (subset), so the page renders anywhere.
    expect((pdf.body as Buffer).toString('latin1')).toMatch(/FontFile2|NotoSansSC/);
    // and the page says who, how many hours, and where to check it (the text as a PDF reader extracts it)
    const text = (await pdfParse(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('欧阳明华');
    expect(text).toContain('获得继续教育学时 32 学时（专业科目）');
    expect(text).toContain(`证书编号 ${code}`);
    expect(text).toContain(`验证网址：${t.config.publicBaseUrl}/verify/${code}`);
    const other = await t.request.get(`/api/certificates/${code}/pdf`).set(auth(people[1].token)).expect(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const office = await t.userWithRole('office');
    await t.request.get(`/api/certificates/${code}/pdf`).set(auth(office.token)).expect(200);
    await t.request.get(`/api/certificates/${code}/pdf`).expect(401);
    if (process.env.CERTIFICATE_PDF_OUT) require('node:fs').writeFileSync(process.env.CERTIFICATE_PDF_OUT, pdf.body);
  });
});
