#!/usr/bin/env node
/**
 * 继续教育学时证明 for a district: the ZIP export of N people's statements (three records each) through
 * the real server, against the bare renderer producing the same N PDFs in this process, measured in
 * the same run. Shows what the export adds to rendering (the records' queries, issuing codes, the ZIP)
 * and that the server's memory stays flat while the ZIP streams (a download reading slowly: the
 * export waits rather than buffering the ZIP).
 *
 *   npm run build:server && node bench/statements.js [--people 1000] [--db sqlite|mysql://root@127.0.0.1:3306] [--slow]
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { DIST, arg, flag, freshDatabaseUrl, startProduct } = require('./lib/server');
const { openSeeder } = require('./lib/seed');

const PEOPLE = Number(arg('people', flag('quick') ? 200 : 1000));
const DB = arg('db', 'sqlite');
const YEAR = new Date().getFullYear();

/** GETs a path, counting the body's bytes; `slow` reads 64 KiB at a time with a pause, as a phone might. */
function download(port, urlPath, token, slow, onChunk) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let head = null;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        head ??= chunk.subarray(0, 2).toString('latin1');
        onChunk();
        if (slow) {
          res.pause();
          setTimeout(() => res.resume(), 5);
        }
      });
      res.on('end', () => resolve({ status: res.statusCode, bytes, head }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function main() {
  const dbUrl = await freshDatabaseUrl(DB === 'sqlite' ? 'sqlite' : DB, 'statements');
  const server = await startProduct({ dbUrl, name: 'statements', env: { NOTIFICATION_TICK: '0' } });
  const seeder = await openSeeder(dbUrl);
  try {
    const office = await seeder.staff('office');
    const people = await seeder.practitioners(PEOPLE, 41);
    const CreditRecord = seeder.db.sequelize.model('CreditRecord');
    const lines = people.flatMap((p, i) =>
      [
        ['专利申请文件撰写与审查意见答复实务（第一期）', 'professional', 32],
        ['知识产权公需科目讲座', 'public', 4],
        ['商标代理实务研修班', 'professional', 12.5],
      ].map(([title, category, hours], k) => ({
        practitionerId: p.practitionerId,
        year: YEAR,
        date: `${YEAR}-0${1 + k}-1${i % 9}`,
        hours,
        category,
        source: 'adjustment',
        sourceKey: `bench:${p.practitionerId}:${k}`,
        title,
        certificateCode: null,
        note: null,
        createdBy: office.userId,
        createdAt: new Date(),
      })),
    );
    for (let i = 0; i < lines.length; i += 1000) {
      await seeder.db.writeTransaction((transaction) => CreditRecord.bulkCreate(lines.slice(i, i + 1000), { hooks: false, validate: false, transaction }));
    }

    // the baseline: the same N statements rendered by the bare renderer, nothing else
    const { renderStatementPdf } = require(`${DIST}/statements/pdf`);
    const statement = (i) => ({
      code: `BENCH${String(i).padStart(11, '0')}`,
      verifyUrl: `https://cqip.example.cn/verify-statement/BENCH${i}`,
      year: YEAR,
      holderName: `学员${i}`,
      idNumberMasked: `500***********${String(i % 10000).padStart(4, '0')}`,
      orgName: '重庆某知识产权代理有限公司',
      districtName: '沙坪坝区',
      records: lines.slice(3 * (i % people.length), 3 * (i % people.length) + 3).map((l) => ({ date: l.date, title: l.title, category: l.category, source: l.source, hours: l.hours })),
      totalHours: 48.5,
      professionalHours: 44.5,
      publicHours: 4,
      rule: { requiredHours: 90, minProfessionalHours: 60, isDefault: true },
      missingHours: 41.5,
      missingProfessionalHours: 15.5,
      compliant: false,
      issuedAt: new Date(),
    });
    await renderStatementPdf(statement(0)); // fonts read once, as the server has by its first export
    let bareBytes = 0;
    const bareStart = performance.now();
    for (let i = 0; i < PEOPLE; i++) bareBytes += (await renderStatementPdf(statement(i))).length;
    const bareMs = performance.now() - bareStart;

    const before = server.memory();
    let peak = before.rssMiB;
    const sample = () => (peak = Math.max(peak, server.memory().rssMiB));
    let sampled = 0;
    const exportOnce = async (slow) => {
      const start = performance.now();
      const res = await download(server.port, `/api/ce-statements/export?year=${YEAR}&district=500106`, office.token, slow, () => {
        if (++sampled % 20 === 0) sample();
      });
      return { ...res, ms: performance.now() - start };
    };
    const first = await exportOnce(false); // issues every statement's code
    const again = await exportOnce(false); // nothing changed: the same codes, no writes
    const slow = flag('slow') ? await exportOnce(true) : null;
    sample();
    if (first.status !== 200 || first.head !== 'PK') throw new Error(`export answered ${first.status} ${first.head}`);
    const issued = await seeder.count('SELECT COUNT(*) AS n FROM ce_statements');

    const result = {
      db: DB,
      people: PEOPLE,
      bareRenderMsPerPdf: +(bareMs / PEOPLE).toFixed(1),
      exportFirstMs: Math.round(first.ms),
      exportAgainMs: Math.round(again.ms),
      ratioFirstToBare: +(first.ms / bareMs).toFixed(2),
      ratioAgainToBare: +(again.ms / bareMs).toFixed(2),
      zipMiB: +(first.bytes / 1048576).toFixed(1),
      pdfsMiB: +(bareBytes / 1048576).toFixed(1),
      statementsIssued: issued,
      serverRssBeforeMiB: before.rssMiB,
      serverRssPeakMiB: peak,
      ...(slow ? { slowReaderMs: Math.round(slow.ms) } : {}),
    };
    console.log(JSON.stringify(result, null, 2));
    if (issued !== PEOPLE) throw new Error(`issued ${issued} statements for ${PEOPLE} people`);
  } finally {
    await seeder.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
