import ExcelJS from 'exceljs';
import { DISTRICTS } from '../src/reference/districts';
import { recount } from '../src/stats/recount';
import { CATEGORIES, IP_FIELDS, ORG_TYPES, TIERS, TITLE_LEVELS } from '../src/reference/vocabulary';
import { hashIdNumber, maskIdNumber } from '../src/talent/idNumber';
import type { PractitionerRow } from '../src/talent/models';
import { auth, createTestApp, makeIdNumber, type TestApp } from './helpers/testApp';

/**
 * Large files of Chinese text, read back field by field. A reader that decodes each decompressed
 * chunk on its own splits the characters that straddle a chunk boundary into U+FFFD halves (exceljs's
 * streaming reader did: 31 rows of a 10,000-row file came back broken); only thousands of rows of
 * dense multi-byte text, every stored field compared with the source, catch that reliably.
 */
jest.setTimeout(180_000);

let t: TestApp;
let office: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  office = await t.userWithRole('office');
});
afterAll(() => t.close());

const HEADERS = ['姓名', '身份证号码', '性别', '区县', '工作单位', '单位类型', '人才类别', '业务领域', '职称', '人才层次', '执业资格', '邮箱', '审核状态'];

// Common, rarer and four-byte (outside the BMP: surrogate pairs in JavaScript) characters.
const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理';
const RARE = '犇骉鱻麤靐齉龘䶮𠀋𡈽𪚥𠮷鿏鿰';
const SURNAMES = ['王', '李', '张', '欧阳', '司马', '诸葛', '𠮷', '龘'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

interface SourceRow {
  idNumber: string;
  cells: (string | number | ExcelJS.CellRichTextValue)[];
  expected: Record<string, unknown>;
}

/**
 * `count` rows of varied Chinese text in every column: names with rare and four-byte characters,
 * organisation names of up to 100 characters, labels and values mixed, lists with different
 * separators, districts as names, "重庆市…" names or numeric codes, some organisation names as rich
 * text runs. `bmpOnly` leaves out the characters GB18030's two-byte table cannot hold.
 */
function sourceRows(count: number, seed: number, { bmpOnly = false, richText = false } = {}): SourceRow[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const chars = (n: number, pool = HAN) => Array.from({ length: n }, () => pick([...pool])).join('');
  // At most `max` UTF-16 units (what the schema counts), never half of a surrogate pair.
  const fit = (text: string, max: number) => {
    const points = [...text];
    while (points.join('').length > max) points.pop();
    return points.join('');
  };
  const rows: SourceRow[] = [];
  for (let i = 0; i < count; i++) {
    const district = DISTRICTS[i % DISTRICTS.length];
    // Unique across the files of this test too: (month, day) and the sequence number spell out n.
    const n = seed * 10000 + i;
    const birth = `19${60 + (n % 40)}${String((n % 12) + 1).padStart(2, '0')}${String((Math.floor(n / 12) % 28) + 1).padStart(2, '0')}`;
    const idNumber = makeIdNumber(district.code, birth, 100 + Math.floor(n / 336));
    const surname = bmpOnly ? pick(SURNAMES.slice(0, 6)) : pick(SURNAMES);
    const name = fit(surname + chars(1 + Math.floor(random() * 3), bmpOnly ? HAN : HAN + RARE), 50);
    const orgName = fit(`重庆${district.name}${chars(20 + Math.floor(random() * 80), bmpOnly ? HAN : HAN + RARE)}`, 96) + '有限公司';
    const orgType = pick(ORG_TYPES.options);
    const category = pick(CATEGORIES.options);
    const fields = [pick(IP_FIELDS.options), pick(IP_FIELDS.options), pick(IP_FIELDS.options)].slice(0, 1 + Math.floor(random() * 3));
    const title = pick(TITLE_LEVELS.options);
    const tier = pick(TIERS.options);
    const qualifications = Array.from({ length: Math.floor(random() * 3) }, () => `${chars(4 + Math.floor(random() * 8))}证书`);
    const email = random() < 0.5 ? `user${n}@example.com` : '';
    const verified = random() < 0.7;
    const gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
    const districtCell = i % 5 === 0 ? Number(district.code) : i % 5 === 1 ? `重庆市${district.name}` : district.name;
    const orgCell: string | ExcelJS.CellRichTextValue =
      richText && i % 7 === 0 ? { richText: [{ text: [...orgName].slice(0, 9).join('') }, { text: [...orgName].slice(9).join(''), font: { bold: true } }] } : orgName;
    rows.push({
      idNumber,
      cells: [
        name,
        idNumber,
        random() < 0.5 ? (gender === 'male' ? '男' : '女') : '',
        districtCell,
        orgCell,
        random() < 0.5 ? orgType.label : orgType.value,
        category.label,
        fields.map((f) => (random() < 0.8 ? f.label : f.value)).join(pick(['、', '，', ';', '/'])),
        title.label,
        tier.label,
        qualifications.join(pick(['、', '；'])),
        email,
        verified ? '已认证' : '待审核',
      ],
      expected: {
        name,
        idMasked: maskIdNumber(idNumber),
        gender,
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        district: district.code,
        orgName,
        orgType: orgType.value,
        category: category.value,
        ipFields: [...new Set(fields.map((f) => f.value))],
        titleLevel: title.value,
        tier: tier.value,
        qualifications,
        email: email || null,
        status: verified ? 'verified' : 'pending',
        source: 'import',
        userId: null,
      },
    });
  }
  return rows;
}

async function xlsxOf(rows: SourceRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人才信息');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row.cells);
  const help = workbook.addWorksheet('填写说明');
  for (let i = 0; i < 50; i++) help.addRow(['姓名', '必填', `说明文字${HAN.slice(i, i + 30)}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The streaming writer without shared strings: inline strings (`t="inlineStr"`, `t="str"`). */
async function inlineXlsxOf(rows: SourceRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('人才信息');
  sheet.addRow(HEADERS).commit();
  for (const row of rows) sheet.addRow(row.cells).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const csvCell = (v: unknown) => {
  const text = typeof v === 'object' && v !== null ? (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') : String(v);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvOf = (rows: SourceRow[]) => [HEADERS, ...rows.map((r) => r.cells)].map((cells) => cells.map(csvCell).join(',')).join('\r\n');

function upload(content: Buffer, name: string) {
  return t.request.post('/api/talents/import').set(auth(office.token)).attach('file', content, name);
}

/** Every stored field of every row, compared with what the file said. */
async function expectStoredExactly(rows: SourceRow[]) {
  const Practitioner = t.db.sequelize.model('Practitioner') as unknown as { findAll(o: object): Promise<PractitionerRow[]> };
  const stored = new Map((await Practitioner.findAll({ where: { idHash: rows.map((r) => hashIdNumber(r.idNumber, t.config.idHashKey)) } })).map((p) => [p.idHash, p]));
  const wrong: string[] = [];
  for (const row of rows) {
    const p = stored.get(hashIdNumber(row.idNumber, t.config.idHashKey));
    if (!p) {
      wrong.push(`${row.expected.name}: missing`);
      continue;
    }
    for (const [key, value] of Object.entries(row.expected)) {
      const actual = p.get(key as keyof PractitionerRow);
      if (JSON.stringify(actual) !== JSON.stringify(value)) wrong.push(`${key}: stored ${JSON.stringify(actual)}, file ${JSON.stringify(value)}`);
    }
  }
  expect(wrong.slice(0, 20)).toEqual([]);
  expect(stored.size).toBe(rows.length);
}

describe('large files of Chinese text are stored exactly as written', () => {
  it('xlsx with shared strings and rich text: 5,000 rows, every field of every row', async () => {
    const rows = sourceRows(5000, 1, { richText: true });
    const file = await xlsxOf(rows);
    const res = await upload(file, 'talents.xlsx').expect(200);
    expect(res.body.errors.slice(0, 5)).toEqual([]);
    expect(res.body).toMatchObject({ created: 5000, updated: 0, unchanged: 0, errorCount: 0 });
    await expectStoredExactly(rows);
    expect(await recount(t.db)).toEqual([]); // the statistics' tallies, written in bulk, match the rows
    const again = await upload(file, 'talents.xlsx').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 5000, errorCount: 0 });
  });

  it('xlsx with inline strings (a streaming writer): 3,000 rows', async () => {
    const rows = sourceRows(3000, 2, { richText: true });
    const res = await upload(await inlineXlsxOf(rows), 'inline.xlsx').expect(200);
    expect(res.body.errors.slice(0, 5)).toEqual([]);
    expect(res.body).toMatchObject({ created: 3000 });
    await expectStoredExactly(rows);
  });

  it('UTF-8 CSV: 5,000 rows, every field of every row', async () => {
    const rows = sourceRows(5000, 3);
    const res = await upload(Buffer.from(`\uFEFF${csvOf(rows)}`), 'talents.csv').expect(200);
    expect(res.body.errors.slice(0, 5)).toEqual([]);
    expect(res.body).toMatchObject({ created: 5000 });
    await expectStoredExactly(rows);
  });

  it('GB18030 CSV (Excel on Chinese Windows): 3,000 rows, every field of every row', async () => {
    const rows = sourceRows(3000, 4, { bmpOnly: true });
    const res = await upload(encodeGb18030(csvOf(rows)), 'excel.csv').expect(200);
    expect(res.body.errors.slice(0, 5)).toEqual([]);
    expect(res.body).toMatchObject({ created: 3000 });
    await expectStoredExactly(rows);
  });
});

/** GB18030 bytes for a string, via a reverse table built from Node's decoder (two-byte codes only). */
function encodeGb18030(text: string): Buffer {
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
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const gb = table.get(ch);
      if (!gb) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...gb);
    }
  }
  return Buffer.from(bytes);
}
