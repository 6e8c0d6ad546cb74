import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { UPLOAD_TMP_DIR } from '../src/platform/http/route';
import { recount } from '../src/stats/recount';
import { hashIdNumber } from '../src/talent/idNumber';
import { MAX_REPORTED_ERRORS } from '../src/talent/importer';
import { IMPORT_MAX_BYTES } from '../src/talent/officeRoutes';
import { auth, binary, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

let t: TestApp;
let office: { token: string; user: { id: number } };
beforeAll(async () => {
  t = await createTestApp();
  office = await t.userWithRole('office');
});
afterAll(() => t.close());

const HEADER = '姓名,身份证号码,区县,工作单位,单位类型,人才类别,业务领域,职称,人才层次,审核状态';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));
const id = (seq: number) => makeIdNumber('500112', '19850315', seq);

function upload(content: Buffer, name = 'talents.csv', dryRun = false) {
  return t.request.post(`/api/talents/import${dryRun ? '?dryRun=true' : ''}`).set(auth(office.token)).attach('file', content, name);
}

const Practitioner = () => t.db.sequelize.model('Practitioner');
const countOf = (idNumber: string) => Practitioner().count({ where: { idHash: hashIdNumber(idNumber, t.config.idHashKey) } });

describe('importing talent records', () => {
  it('reports bad rows by row and column, applies the good ones, and a dry run changes nothing', async () => {
    const file = csv(
      `王一,${id(101)},渝北区,重庆甲公司,企业,企业知识产权管理,专利、商标,中级,,`,
      `王二,${id(103)},500103,乙律师事务所,law_firm,lawyer,patent,senior,国家知识产权领军人才,待审核`,
      `王三,${id(102).slice(0, 17)}0,渝北区,丙公司,企业,知识产权代理,专利,中级,,`,
      `王四,${id(105)},北京市,丁公司,企业,知识产权代理,专利,中级,,`,
      `王五,${id(107)},渝北区,戊公司,外企,知识产权代理,专利;魔法,中级,,`,
      `,${id(109)},渝北区,己公司,企业,知识产权代理,专利,中级,,`,
      `王六,${id(101)},渝北区,重复的人,企业,知识产权代理,专利,中级,,`,
      `王七,5.00112E+17,渝北区,庚公司,企业,知识产权代理,专利,中级,,`,
      `王八,${id(111)},渝北区,辛公司,企业,知识产权代理,专利,中级,,已停用`,
      `王九,${id(113)},江北区,壬公司,高等院校,知识产权教学科研,版权,副高级,知识产权高层次人才,`,
    );
    const dry = await upload(file, 'a.csv', true).expect(200);
    expect(dry.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, dryRun: true });
    expect(await countOf(id(101))).toBe(0);

    const res = await upload(file).expect(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, dryRun: false, errorCount: 8 });
    const errors = res.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(errors).toEqual(['4:身份证号码', '5:区县', '6:单位类型', '6:业务领域', '7:姓名', '8:身份证号码', '9:身份证号码', '10:审核状态']);
    expect(res.body.errors.find((e: { row: number }) => e.row === 8).message).toMatch(/第 2 行/);
    expect(res.body.errors.find((e: { row: number }) => e.row === 9).message).toMatch(/科学计数法/);
    expect(res.body.errors.find((e: { row: number; column: string }) => e.row === 6 && e.column === '业务领域').message).toMatch(/魔法/);

    const one = await t.request.get(`/api/talents?q=${id(103)}`).set(auth(office.token)).expect(200);
    expect(one.body.items[0]).toMatchObject({ name: '王二', status: 'pending', tier: 'leading', source: 'import', claimed: false, district: '500103' });
    const nine = await t.request.get(`/api/talents?q=${id(113)}`).set(auth(office.token)).expect(200);
    expect(nine.body.items[0]).toMatchObject({ status: 'verified', tier: 'high_level', orgType: 'university', ipFields: ['copyright'] });

    const again = await upload(file).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await countOf(id(101))).toBe(1);

    const audit = await t.request.get('/api/audit?action=talent.import').set(auth(office.token)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actorId: office.user.id, after: { created: 0, unchanged: 3, errors: 8 } });
  });

  it('merges an overlapping file from another source, and never touches what a holder entered', async () => {
    const self = await t.registerPractitioner('自填者');
    await t.request.put('/api/me/profile').set(auth(self.token)).send(profileBody({ name: '自填者', idNumber: id(201), orgName: '本人填写的单位' })).expect(200);
    await upload(csv(`甲,${id(203)},渝北区,原单位,企业,知识产权代理,专利,中级,,`)).expect(200);
    const second = await upload(
      csv(
        `甲,${id(203)},渝北区,新单位,企业,知识产权代理,专利,中级,,`,
        `自填者,${id(201)},渝北区,人才办记录的单位,企业,知识产权代理,专利,中级,专利管理中高级工程师,`,
        `乙,${id(205)},渝北区,乙单位,企业,知识产权代理,专利,中级,,`,
      ),
      'from-association.csv',
    ).expect(200);
    expect(second.body).toMatchObject({ created: 1, updated: 2, unchanged: 0, errors: [] });
    const me = await t.request.get('/api/me').set(auth(self.token)).expect(200);
    expect(me.body.practitioner).toMatchObject({ orgName: '本人填写的单位', tier: 'senior_engineer' });
    const jia = await t.request.get(`/api/talents?q=${id(203)}`).set(auth(office.token)).expect(200);
    expect(jia.body.items[0].orgName).toBe('新单位');
    for (const n of [201, 203, 205]) expect(await countOf(id(n))).toBe(1);
  });

  it('lets an imported person who signs up later claim the record: still one person', async () => {
    await upload(csv(`丙,${id(301)},渝北区,丙单位,企业,知识产权代理,专利,中级,,`)).expect(200);
    const p = await t.registerPractitioner('丙');
    const claimed = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ name: '丙', idNumber: id(301) })).expect(200);
    expect(claimed.body).toMatchObject({ status: 'verified' });
    expect(await countOf(id(301))).toBe(1);
    const after = await upload(csv(`丙,${id(301)},渝北区,又一个单位,企业,知识产权代理,专利,中级,,`)).expect(200);
    expect(after.body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('reads .xlsx (the template itself) and CSV saved by Chinese Excel (GB18030)', async () => {
    const template = await binary(t.request.get('/api/talents/import-template?format=xlsx').set(auth(office.token))).expect(200);
    const fromTemplate = await upload(template.body, 'template.xlsx').expect(200);
    expect(fromTemplate.body).toMatchObject({ created: 1, errors: [] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['人才信息', '填写说明']);

    const line = `丁,${id(401)},渝北区,丁单位,企业,知识产权代理,专利,中级,,`;
    const encoded = await encodeGb18030([HEADER, line].join('\n'));
    const res = await upload(encoded, 'excel.csv').expect(200);
    expect(res.body).toMatchObject({ created: 1, errors: [] });
    const found = await t.request.get(`/api/talents?q=${id(401)}`).set(auth(office.token)).expect(200);
    expect(found.body.items[0]).toMatchObject({ name: '丁', orgName: '丁单位' });
  });

  it('refuses files that cannot be imported, as a whole, with a clear error', async () => {
    const missing = await upload(Buffer.from('姓名,区县\n张三,渝北区')).expect(400);
    expect(missing.body.error.message).toMatch(/缺少必填列/);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['身份证号码', '工作单位']));
    await upload(Buffer.alloc(0), 'empty.csv').expect(400);
    const headerOnly = await upload(csv()).expect(400);
    expect(headerOnly.body.error.message).toMatch(/没有数据行/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.alloc(100)]);
    await upload(png, 'photo.png').expect(400);
    await upload(Buffer.from('not really excel'), 'old.xls').expect(400);
    const huge = await upload(Buffer.concat([csv(), Buffer.alloc(IMPORT_MAX_BYTES + 1024 * 1024 - csv().length, 0x20)])).expect(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    await t.request.post('/api/talents/import').set(auth(office.token)).expect(400);
    const trainer = await t.userWithRole('trainer');
    await t.request.post('/api/talents/import').set(auth(trainer.token)).attach('file', csv(), 'x.csv').expect(403);
  });
});

describe('importing big files', () => {
  const uploads = () => (fs.existsSync(UPLOAD_TMP_DIR) ? fs.readdirSync(UPLOAD_TMP_DIR) : []);

  it('reports a duplicate with the earlier row number across batches, and bounds the error list while counting every error', async () => {
    const good = Array.from({ length: 450 }, (_, i) => `批量${i},${makeIdNumber('500112', '19700101', 100 + i)},渝北区,批量单位,企业,知识产权代理,专利,中级,,`);
    const bad = Array.from({ length: MAX_REPORTED_ERRORS + 200 }, (_, i) => `坏${i},123,渝北区,坏单位,企业,知识产权代理,专利,中级,,`);
    const duplicate = `又一个,${makeIdNumber('500112', '19700101', 100)},渝北区,重复单位,企业,知识产权代理,专利,中级,,`;
    const res = await upload(csv(...good, ...bad, duplicate), 'big.csv').expect(200);
    expect(res.body).toMatchObject({ created: 450, errorCount: MAX_REPORTED_ERRORS + 201 });
    expect(res.body.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(res.body.errors[0]).toMatchObject({ row: 452, column: '身份证号码' });
    expect(res.body.errors.at(-1).row).toBe(451 + MAX_REPORTED_ERRORS);

    const again = await upload(csv(...good.slice(0, 300), duplicate), 'dup.csv').expect(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 300, errorCount: 1 });
    expect(again.body.errors[0]).toMatchObject({ row: 302, column: '身份证号码', message: '与第 2 行的身份证号码重复' });
  });

  it('writes nothing from a file that turns out damaged further down, and leaves no temporary file behind', async () => {
    const before = uploads();
    const rows = Array.from({ length: 600 }, (_, i) => `损坏${i},${makeIdNumber('500113', '19710101', 100 + i)},巴南区,某单位,企业,知识产权代理,专利,中级,,`);
    const broken = await upload(csv(...rows, '"未闭合的引号,1,2'), 'broken.csv').expect(400);
    expect(broken.body.error.details[0].message).toMatch(/CSV 格式有误/);
    expect(await countOf(makeIdNumber('500113', '19710101', 100))).toBe(0);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人才信息');
    sheet.addRow(HEADER.split(','));
    for (const row of rows) sheet.addRow(row.split(','));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const truncated = await upload(xlsx.subarray(0, Math.floor(xlsx.length * 0.8)), 'truncated.xlsx').expect(400);
    expect(truncated.body.error.details[0].message).toMatch(/无法读取该 Excel 文件/);
    expect(await countOf(makeIdNumber('500113', '19710101', 100))).toBe(0);
    await upload(Buffer.concat([csv(...rows), Buffer.alloc(IMPORT_MAX_BYTES, 0x20)]), 'huge.csv').expect(413);
    expect(uploads()).toEqual(before);

    const whole = await upload(xlsx, 'whole.xlsx').expect(200);
    expect(whole.body).toMatchObject({ created: 600, errorCount: 0 });
    expect(uploads()).toEqual(before);
  });
});

describe('bulk writes and the statistics', () => {
  it('a bulkCreate through the model goes through the per-row hooks, and refuses options that would skip rows', async () => {
    const row = (n: number) => ({ userId: null, name: `批${n}`, idHash: hashIdNumber(makeIdNumber('500114', '19720101', n), t.config.idHashKey), idMasked: '500***********0000', gender: 'male', birthDate: '1972-01-01', district: '500114', orgName: '某单位', orgType: 'enterprise', category: 'agent', ipFields: ['patent'], titleLevel: 'none', qualifications: [], email: null, tier: 'none', status: 'verified', rejectReason: null, verifiedAt: new Date(), source: 'import' });
    const P = Practitioner() as unknown as { bulkCreate(rows: object[], options?: object): Promise<unknown> };
    await P.bulkCreate([row(101), row(103), row(105)]);
    expect(await recount(t.db)).toEqual([]);
    await expect(P.bulkCreate([row(107)], { ignoreDuplicates: true })).rejects.toThrow(/statistics/);
  });
});

describe('exporting the talent database', () => {
  it('exports with the search filters, and escapes cells a spreadsheet would run as formulas', async () => {
    await upload(csv(`"=HYPERLINK(""http://evil.example"")",${id(501)},城口县,@SUM(1),企业,知识产权代理,专利,中级,,`, `+正常,${id(503)},城口县,-单位,企业,知识产权代理,专利,中级,,`)).expect(200);
    const res = await binary(t.request.get('/api/talents/export?format=csv&district=500229').set(auth(office.token))).expect(200);
    const text = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^姓名,身份证号码（脱敏）/);
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain("'@SUM(1)");
    expect(text).toContain("'+正常");
    expect(text).toContain("'-单位");
    expect(text).not.toContain(id(501));

    const xlsx = await binary(t.request.get('/api/talents/export?format=xlsx&district=500229').set(auth(office.token))).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('人才库')!;
    expect(sheet.rowCount).toBe(3);
    const names = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
    expect(names).toEqual(expect.arrayContaining(["'=HYPERLINK(\"http://evil.example\")", "'+正常"]));
    await t.request.get('/api/talents/export?format=pdf').set(auth(office.token)).expect(400);
  });
});

/** GB18030 bytes for a string, via a reverse table built from Node's decoder (no extra package). */
async function encodeGb18030(text: string): Promise<Buffer> {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}
