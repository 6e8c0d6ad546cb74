// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;
import fs from 'node:fs';
import yauzl from 'yauzl';
import { newCertificateCode } from '../src/certificates/code';
import { NO_RECORDS, NO_RULE, renderStatementPdf } from '../src/statements/pdf';
import { auth, binary, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

let t: TestApp;
let office: { token: string };
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://px.example.cn' } });
  office = await t.userWithRole('office');
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** The text of a PDF as a reader extracts it, whitespace collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(pdf)).text.replace(/\s+/g, ' ');
}

/** The text of each page (pdf-parse joins pages with a blank line, lines within a page with one newline). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  return (await pdfParse(pdf)).text.split('\n\n').filter((page) => page.trim()).map((page) => page.replace(/\s+/g, ' '));
}

/** Each entry of a ZIP: its name and content. */
function unzip(zip: Buffer): Promise<{ name: string; content: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, decodeStrings: true }, (err, file) => {
      if (err || !file) return reject(err);
      const entries: { name: string; content: Buffer }[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, content: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** Practitioners with a completed class (CQIP-PAT-101: 32 professional hours, March 2026) each. */
async function withCompletedClass(count = 1) {
  const { cls, sessions, trainerToken, people } = await t.classWithSessions(1, count);
  for (const p of people) await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${p.practitionerId}`).set(auth(trainerToken)).send({ status: 'present' }).expect(200);
  await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200));
  return people;
}

/** A claim of 4 public hours from February 2026, approved by the office. */
async function approvedClaim(token: string) {
  const claim = await t.request
    .post('/api/me/credit-claims')
    .set(auth(token))
    .field('title', '知识产权公需科目讲座')
    .field('provider', '重庆市知识产权局')
    .field('date', '2026-02-10')
    .field('hours', '4')
    .field('category', 'public')
    .attach('evidence', PNG, 'p.png')
    .expect(201);
  await t.request.post(`/api/credit-claims/${claim.body.id}/approve`).set(auth(office.token)).send({}).expect(200);
}

const adjust = (practitionerId: number, year: number, hours: number, category: 'professional' | 'public') =>
  t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId, year, hours, category, reason: '补录线下培训' }).expect(201);

const statementJson = (token: string, year: number) => t.request.get(`/api/me/ce-statements/${year}?format=json`).set(auth(token));
const statementRows = (practitionerId: number) => t.db.sequelize.model('CeStatement').count({ where: { practitionerId } });

describe('a practitioner’s statement of a year', () => {
  it('lists every record of the year and measures the totals against the year’s rule, as the credits module does', async () => {
    const [p] = await withCompletedClass();
    await approvedClaim(p.token);
    await adjust(p.practitionerId, 2025, 50, 'professional'); // another year: not on the 2026 statement
    const res = await statementJson(p.token, 2026).expect(200);
    expect(res.body).toMatchObject({
      year: 2026,
      holderName: p.name,
      idNumberMasked: expect.stringMatching(/^500\*{11}\d{4}$/),
      orgName: '某代理机构',
      districtName: '沙坪坝区',
      totalHours: 36,
      professionalHours: 32,
      publicHours: 4,
      rule: { requiredHours: 90, minProfessionalHours: 60, isDefault: true },
      missingHours: 54,
      missingProfessionalHours: 28,
      compliant: false,
      code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{16}$/),
    });
    expect(res.body.verifyUrl).toBe(`https://px.example.cn/verify-statement/${res.body.code}`);
    // oldest first: the claim (with its provider), then the class
    expect(res.body.records).toEqual([
      { date: '2026-02-10', title: '知识产权公需科目讲座（重庆市知识产权局）', category: 'public', source: 'external', hours: 4 },
      expect.objectContaining({ date: '2026-03-29', category: 'professional', source: 'class', hours: 32, certificateCode: expect.any(String) }),
    ]);
    // the same verdict as the credits page
    const credits = await t.request.get('/api/me/credits?year=2026').set(auth(p.token)).expect(200);
    expect(credits.body).toMatchObject({ earnedHours: 36, professionalHours: 32, compliant: false, missingHours: 54 });

    // a year the office set a rule for, met
    await t.request.put('/api/credit-rules/2025').set(auth(office.token)).send({ requiredHours: 48, minProfessionalHours: 32 }).expect(200);
    const met = await statementJson(p.token, 2025).expect(200);
    expect(met.body).toMatchObject({ totalHours: 50, professionalHours: 50, publicHours: 0, rule: { requiredHours: 48, minProfessionalHours: 32, isDefault: false }, missingHours: 0, missingProfessionalHours: 0, compliant: true });
    expect(met.body.records).toEqual([{ date: '2025-12-31', title: '学时调整', category: 'professional', source: 'adjustment', hours: 50 }]);
  });

  it('is a PDF (attachment, RFC 5987 name) with the name, the year, the totals, the verdict and the code', async () => {
    const [p] = await withCompletedClass();
    const res = await binary(t.request.get('/api/me/ce-statements/2026').set(auth(p.token))).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ce-statement-2026.pdf"; filename*=UTF-8''${encodeURIComponent('继续教育学时证明-2026.pdf')}`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2|NotoSansSC/);
    const { code } = (await statementJson(p.token, 2026).expect(200)).body;
    const text = await pdfText(pdf);
    expect(text).toContain('继续教育学时证明');
    expect(text).toContain(p.name);
    expect(text).toContain('500***********');
    expect(text).toContain('2026 年度');
    expect(text).toContain('共 32 学时，其中专业科目 32 学时、公需科目 0 学时');
    expect(text).toContain('总学时不少于 90 学时，其中专业科目不少于 60 学时');
    expect(text).toContain('未达标');
    expect(text).toContain(`验证编号 ${code}`);
    expect(text).toContain(`https://px.example.cn/verify-statement/${code}`);
    if (process.env.STATEMENT_PDF_OUT) fs.writeFileSync(process.env.STATEMENT_PDF_OUT, pdf);
  });

  it('flows a long list of records onto further pages, the table header on each', async () => {
    const [p] = await t.seedPractitioners(1);
    for (let i = 0; i < 45; i++) await adjust(p.practitionerId, 2024, i % 2 ? 1.5 : 2, i % 3 ? 'professional' : 'public');
    const res = await binary(t.request.get('/api/me/ce-statements/2024').set(auth(p.token))).expect(200);
    const pages = await pdfPages(res.body as Buffer);
    expect(pages.length).toBeGreaterThan(1);
    // every page holding rows of the table starts them under its header; a last page may hold only the totals and the issuer
    const withRows = pages.filter((page) => /\d{4}-\d{2}-\d{2}/.test(page));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) expect(page).toMatch(/序号 ?日期 ?内容 ?类别 ?学时/);
    expect(pages.join(' ').match(/2024-12-31学时调整/g)?.length).toBe(45);
    pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
    for (const page of pages.slice(1)) expect(page).toContain('继续教育学时证明（续）');
    if (process.env.STATEMENT_LONG_PDF_OUT) fs.writeFileSync(process.env.STATEMENT_LONG_PDF_OUT, res.body);
  });

  it('says so for a year without records: no error, nothing earned, not compliant', async () => {
    const [p] = await t.seedPractitioners(1);
    const res = await statementJson(p.token, 2023).expect(200);
    expect(res.body).toMatchObject({ year: 2023, records: [], totalHours: 0, professionalHours: 0, publicHours: 0, compliant: false, missingHours: 90 });
    const text = await pdfText((await binary(t.request.get('/api/me/ce-statements/2023').set(auth(p.token))).expect(200)).body);
    expect(text).toContain(NO_RECORDS);
    expect(text).toContain('未达标');
  });

  it('says so for a year without a rule (the renderer; the credits module gives every year its default rule)', async () => {
    const pdf = await renderStatementPdf({
      code: newCertificateCode(),
      verifyUrl: 'https://px.example.cn/verify-statement/X',
      year: 2019,
      holderName: '欧阳明华',
      idNumberMasked: null,
      orgName: '重庆某知识产权代理有限公司',
      districtName: '渝中区',
      records: [],
      totalHours: 0,
      professionalHours: 0,
      publicHours: 0,
      rule: null,
      missingHours: null,
      missingProfessionalHours: null,
      compliant: false,
      issuedAt: new Date('2026-03-02T01:00:00Z'),
    });
    const text = await pdfText(pdf);
    expect(text).toContain(NO_RULE);
    expect(text).toContain(NO_RECORDS);
    expect(text).toContain('出具日期：2026 年 3 月 2 日');
  });

  it('refuses a year that is not a sane one with 400 VALIDATION_FAILED at the year', async () => {
    const [p] = await t.seedPractitioners(1);
    for (const year of ['1999', '2028', 'abc', '2026.5']) {
      const res = await statementJson(p.token, year as unknown as number).expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String), details: [expect.objectContaining({ path: 'year' })] });
    }
    await statementJson(p.token, 2027).expect(200); // next year: nothing yet, but a year
    const staff = await t.request.get(`/api/talents/${p.practitionerId}/ce-statements/2028`).set(auth(office.token)).expect(400);
    expect(staff.body.error.details[0].path).toBe('year');
    const zip = await t.request.get('/api/ce-statements/export?year=1999').set(auth(office.token)).expect(400);
    expect(zip.body.error.details[0].path).toBe('year');
  });

  it('needs a talent record, and gives a practitioner only their own', async () => {
    const [p, other] = await withCompletedClass(2);
    const mine = await statementJson(other.token, 2026).expect(200);
    expect(mine.body.holderName).toBe(other.name);
    const theirs = await t.request.get(`/api/talents/${p.practitionerId}/ce-statements/2026`).set(auth(other.token)).expect(403);
    expect(theirs.body.error.code).toBe('FORBIDDEN');
    await t.request.get('/api/ce-statements/export?year=2026').set(auth(other.token)).expect(403);
    const bare = await t.registerPractitioner('没有档案');
    expect((await statementJson(bare.token, 2026).expect(403)).body.error.code).toBe('PROFILE_REQUIRED');
    await t.request.get('/api/me/ce-statements/2026').expect(401);
  });
});

describe('verification codes', () => {
  it('gives the same code while the totals stay, and a new one when they change; the old one still says what it said', async () => {
    const [p] = await withCompletedClass();
    const first = (await statementJson(p.token, 2026).expect(200)).body;
    const again = await Promise.all([1, 2, 3, 4].map(() => statementJson(p.token, 2026).expect(200)));
    const pdfText1 = await pdfText((await binary(t.request.get('/api/me/ce-statements/2026').set(auth(p.token))).expect(200)).body);
    const staff = (await t.request.get(`/api/talents/${p.practitionerId}/ce-statements/2026?format=json`).set(auth(office.token)).expect(200)).body;
    expect(new Set([...again.map((r) => r.body.code), staff.code])).toEqual(new Set([first.code]));
    expect(pdfText1).toContain(first.code);
    expect(await statementRows(p.practitionerId)).toBe(1);

    await adjust(p.practitionerId, 2026, 2, 'public');
    const changed = (await statementJson(p.token, 2026).expect(200)).body;
    expect(changed.code).not.toBe(first.code);
    expect(changed.totalHours).toBe(34);
    expect(await statementRows(p.practitionerId)).toBe(2);

    const old = await t.request.get(`/api/ce-statements/${first.code}`).expect(200);
    expect(old.body).toMatchObject({ valid: true, totalHours: 32, professionalHours: 32, superseded: true });
    const current = await t.request.get(`/api/ce-statements/${changed.code}`).expect(200);
    expect(current.body).toMatchObject({ valid: true, totalHours: 34, professionalHours: 32, superseded: false });
    // back to what the first said: still a new statement, the latest one said something else
    await adjust(p.practitionerId, 2026, -2, 'public');
    const back = (await statementJson(p.token, 2026).expect(200)).body;
    expect([first.code, changed.code]).not.toContain(back.code);
  });

  it('verifies publicly with the name masked and nothing else about the person; unknown codes are 404', async () => {
    const [p] = await t.seedPractitioners(1);
    await t.db.sequelize.model('Practitioner').update({ name: '欧阳明华' }, { where: { id: p.practitionerId } });
    await adjust(p.practitionerId, 2026, 12, 'professional');
    const { code, issuedAt } = (await statementJson(p.token, 2026).expect(200)).body;
    const res = await t.request.get(`/api/ce-statements/${code.toLowerCase()}`).expect(200);
    expect(res.body).toEqual({ valid: true, code, holderName: '欧**华', year: 2026, totalHours: 12, professionalHours: 12, requiredHours: 90, minProfessionalHours: 60, compliant: false, superseded: false, issuedAt });
    expect(JSON.stringify(res.body)).not.toMatch(/欧阳明华|idNumber|phone|\*{11}/);
    expect((await t.request.get(`/api/ce-statements/${newCertificateCode()}`).expect(404)).body.error.code).toBe('NOT_FOUND');
    await t.request.get('/api/ce-statements/abc').expect(404);
  });

  it('keeps verifying after the holder deletes their account, without their name', async () => {
    const a = await t.registerPractitioner('钱多多');
    await t.request.put('/api/me/profile').set(auth(a.token)).send(profileBody({ name: '钱多多', idNumber: makeIdNumber('500103', '19910203', 451) })).expect(200);
    const { code } = (await statementJson(a.token, 2026).expect(200)).body;
    await t.request.post('/api/me/account-deletion').set(auth(a.token)).send({ password: 'password123' }).expect(204);
    const res = await t.request.get(`/api/ce-statements/${code}`).expect(200);
    expect(res.body).toMatchObject({ valid: true, holderName: '已*销' });
  });
});

describe('statements for the office and district staff', () => {
  // 北碚区: this test's own district, so the export holds exactly its people
  const BEIBEI = '500109';

  it('gives one person’s PDF to the office and to their own district’s staff; another district’s record is not found', async () => {
    const [p] = await withCompletedClass();
    await t.db.sequelize.model('Practitioner').update({ district: BEIBEI }, { where: { id: p.practitionerId }, individualHooks: true });
    const own = await t.userWithRole('district', '北碚区人才工作', BEIBEI);
    const other = await t.userWithRole('district', '渝北区人才工作', '500112');
    const path = `/api/talents/${p.practitionerId}/ce-statements/2026`;
    const res = await binary(t.request.get(path).set(auth(own.token))).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`继续教育学时证明-2026-${p.name}.pdf`)}`);
    expect(await pdfText(res.body)).toContain(p.name);
    await binary(t.request.get(path).set(auth(office.token))).expect(200);
    const hidden = await t.request.get(path).set(auth(other.token)).expect(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    await t.request.get(`/api/talents/999999/ce-statements/2026`).set(auth(office.token)).expect(404);
  });

  it('exports a ZIP of the district’s verified people with hours that year, one PDF each, named by name and masked ID', async () => {
    const people = await withCompletedClass(3);
    const [noHours, pending] = await t.seedPractitioners(2);
    const Practitioner = t.db.sequelize.model('Practitioner');
    const ids = [...people, noHours, pending].map((p) => p.practitionerId);
    await Practitioner.update({ district: '500110' }, { where: { id: ids }, individualHooks: true });
    await Practitioner.update({ status: 'pending' }, { where: { id: pending.practitionerId }, individualHooks: true });
    await adjust(pending.practitionerId, 2026, 6, 'public');
    // two of them share a name and the masked ID's ends: the second file is told apart by its id
    await Practitioner.update({ name: '同名人', idMasked: '500***********1234' }, { where: { id: [people[1].practitionerId, people[2].practitionerId] }, individualHooks: true });
    const district = await t.userWithRole('district', '綦江区人才工作', '500110');

    const res = await binary(t.request.get('/api/ce-statements/export?year=2026').set(auth(district.token))).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('綦江区2026年度继续教育学时证明.zip')}`);
    const entries = await unzip(res.body);
    const masked = (await Practitioner.findByPk(people[0].practitionerId))!.get('idMasked') as string;
    expect(entries.map((e) => e.name).sort()).toEqual(
      [`${people[0].name}-${masked.replace(/\*/g, '＊')}.pdf`, '同名人-500＊＊＊＊＊＊＊＊＊＊＊1234.pdf', `同名人-500＊＊＊＊＊＊＊＊＊＊＊1234-${people[2].practitionerId}.pdf`].sort(),
    );
    for (const entry of entries) {
      expect(entry.content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await pdfText(entry.content)).toContain('共 32 学时');
    }
    // each PDF's code was issued and verifies
    expect(await statementRows(people[0].practitionerId)).toBe(1);

    // the office names the district; district staff asking for another district see nothing of it
    const byOffice = await binary(t.request.get('/api/ce-statements/export?year=2026&district=500110').set(auth(office.token))).expect(200);
    expect((await unzip(byOffice.body)).length).toBe(3);
    expect(await statementRows(people[0].practitionerId)).toBe(1); // unchanged totals: the same code again
    const elsewhere = await t.request.get('/api/ce-statements/export?year=2026&district=500112').set(auth(district.token)).expect(404);
    expect(elsewhere.body.error.code).toBe('NOT_FOUND');
    // a year nobody there has hours: an empty ZIP
    const empty = await binary(t.request.get('/api/ce-statements/export?year=2022').set(auth(district.token))).expect(200);
    expect(await unzip(empty.body)).toEqual([]);
  });
});
