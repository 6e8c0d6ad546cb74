#!/usr/bin/env node
/**
 * POST /api/talents/import at scale: a 10,000-row and a 100,000-row .xlsx of the template's columns,
 * Chinese text in every row, uploaded over HTTP to the real server in a child process.
 *
 *   npm run build:server
 *   node bench/import.js                       # SQLite under /tmp, 10,000 and 100,000 rows
 *   node bench/import.js --quick               # 2,000 and 20,000 rows
 *   node bench/import.js --db mysql://root@127.0.0.1:3306/cqip_bench_import
 *   node bench/import.js --sizes 10000 --cpu-prof /tmp/import-prof   # a CPU profile of the server
 *   options: --flat-cap <MiB> (default 128), --no-flat (skip the capped memory runs),
 *            --dist <dir> (another build of the server, e.g. an older commit's, for "before" figures)
 *
 * Each size gets an empty database and a fresh server process, so the peak resident memory read from
 * /proc/<pid>/status (VmHWM) belongs to that one import. The files are generated once and cached in
 * /tmp. After the import, the statistics' tallies are recounted from the raw rows (0 differences
 * expected) and stored text is checked for U+FFFD (broken decoding). Targets: 10,000 rows in under
 * 5 s and 300 MB resident; 100,000 rows in under 60 s with memory flat in the file's size (checked by
 * importing the smallest and the largest file again with the server's V8 heap capped, --flat-cap).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
// --dist: another build (say of an older commit, for before/after figures); server/dist by default.
const DIST = path.resolve(arg('dist', path.join(__dirname, '../server/dist')));
const flag = (name) => process.argv.includes(`--${name}`);
const quick = flag('quick');
const sizes = (arg('sizes', quick ? '2000,20000' : '10000,100000')).split(',').map(Number);
const dbBase = arg('db', null);
const cpuProf = arg('cpu-prof', null);
// The memory check: the smallest and the largest file again, the server's V8 heap capped.
const flatCap = flag('no-flat') ? null : Number(arg('flat-cap', 128));
const ADMIN = { phone: '13800000000', password: 'bench-admin-password' };
const SECRETS = { JWT_SECRET: 'bench-jwt-secret-0123456789abcdef', ID_HASH_KEY: 'bench-id-hash-key-0123456789abcdef' };
// 100,000 rows: the memory target is flatness (memoryFlat below), not a number.
const TARGETS = { 10000: { seconds: 5, peakMiB: 300 }, 100000: { seconds: 60 } };

const { IMPORT_COLUMNS } = require(`${DIST}/talent/importer`);
const { CATEGORIES, IP_FIELDS, ORG_TYPES, TIERS, TITLE_LEVELS } = require(`${DIST}/reference/vocabulary`);
const { DISTRICTS } = require(`${DIST}/reference/districts`);
const { checkCharacter } = require(`${DIST}/talent/idNumber`);
const ExcelJS = require(require.resolve('exceljs', { paths: [DIST] }));

// ---------------------------------------------------------------------------------------------
// The files: template columns, Chinese values, deterministic (the same file every run).

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩凯健俊帆帅旭宁龙林欣佳琳晨思雨梓涵子轩一诺欣怡浩然';
const ORG_WORDS = ['渝信', '巴渝', '山城', '长江', '嘉陵', '两江', '缙云', '歌乐', '南山', '朝天门', '解放碑', '龙湖', '华岩', '鹅岭', '磁器口', '洪崖洞'];
const ORG_KINDS = ['知识产权代理有限公司', '专利商标事务所（普通合伙）', '律师事务所', '科技信息咨询服务有限责任公司', '知识产权运营中心', '大学知识产权学院', '生物医药研究院', '汽车零部件制造股份有限公司'];
const QUALIFICATIONS = ['专利代理师资格证', '法律职业资格证书', '资产评估师', '知识产权师（中级）', '商标代理从业资格', '技术经纪人证书'];

/** A deterministic pseudo-random sequence, so the cached file and a regenerated one are the same. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

function rowFor(i, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const district = DISTRICTS[i % DISTRICTS.length];
  // Unique ID numbers: birth dates from 1960 on, and the sequence (odd for men) within a day.
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 400) * 86400000);
  const birthText = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${district.code}${birthText}${String(100 + (i % 400) * 2 + (i % 2)).padStart(3, '0').slice(-3)}`;
  const idNumber = first17 + checkCharacter(first17);
  const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
  const orgName = `重庆${district.name}${pick(ORG_WORDS)}${pick(ORG_WORDS)}${pick(ORG_KINDS)}第${(i % 97) + 1}分部`;
  const fields = [...new Set([pick(IP_FIELDS.options).label, pick(IP_FIELDS.options).label])].join('、');
  const quals = random() < 0.5 ? [pick(QUALIFICATIONS), pick(QUALIFICATIONS)].join('、') : '';
  return [
    name,
    idNumber,
    Number(idNumber[16]) % 2 === 1 ? '男' : '女',
    district.name,
    orgName,
    pick(ORG_TYPES.options).label,
    pick(CATEGORIES.options).label,
    fields,
    pick(TITLE_LEVELS.options).label,
    pick(TIERS.options).label,
    quals,
    random() < 0.5 ? `user${i}@example.com` : '',
    random() < 0.8 ? '已认证' : '待审核',
  ];
}

/** The template's columns and help sheet, written the way Excel writes: shared strings. */
async function xlsxFile(rows) {
  const file = `/tmp/cqip-bench-import-${rows}.xlsx`;
  if (fs.existsSync(file)) return file;
  const t0 = performance.now();
  const partial = `${file}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('人才信息');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  const random = rng(rows);
  for (let i = 0; i < rows; i++) sheet.addRow(rowFor(i, random)).commit();
  sheet.commit();
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列', '是否必填', '可填写的值']).commit();
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', '']).commit();
  help.commit();
  await workbook.commit();
  fs.renameSync(partial, file);
  console.error(`generated ${file} (${rows} rows, ${(fs.statSync(file).size / 1048576).toFixed(1)} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// The server: `node server/dist/main.js` in a child process, one per size, on its own database.

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** An empty database for one run: a new SQLite file, or the MariaDB database dropped and created. */
async function emptyDatabase(rows) {
  if (!dbBase || dbBase.startsWith('sqlite:')) {
    const file = dbBase ? dbBase.slice('sqlite:'.length).replace(/\.sqlite$/, '') + `-${rows}.sqlite` : `/tmp/cqip-bench-import-${rows}.sqlite`;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return `sqlite:${file}`;
  }
  const url = new URL(dbBase);
  const name = url.pathname.slice(1) || 'cqip_bench_import';
  const mysql = require(require.resolve('mysql2/promise', { paths: [DIST] }));
  const conn = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return dbBase;
}

async function startServer(databaseUrl, tag, heapCap) {
  const port = await freePort();
  const dataDir = `/tmp/cqip-bench-import-data-${tag}`;
  fs.mkdirSync(dataDir, { recursive: true });
  const nodeArgs = [...(cpuProf && !heapCap ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []), ...(heapCap ? [`--max-old-space-size=${heapCap}`] : [])];
  const child = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'main.js')], {
    env: {
      ...process.env,
      ...SECRETS,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      CLIENT_DIST: '/nonexistent/cqip-client',
      ADMIN_PHONE: ADMIN.phone,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      DEMO: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if ((await request(port, 'GET', '/readyz').catch(() => ({ status: 0 }))).status === 200) break;
    if (i > 600) throw new Error('server did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, pid: child.pid, exited, stop: () => (child.exitCode === null && child.kill('SIGTERM'), exited) };
}

function request(port, method, urlPath, { token, json, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text && /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : text }));
      },
    );
    req.on('error', reject);
    if (body) body(req);
    else req.end(data);
  });
}

/** multipart/form-data with the file streamed from disk, the way a browser sends it. */
function upload(port, token, file, query = '') {
  const boundary = `----cqipbench${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fs.statSync(file).size + tail.length;
  return request(port, 'POST', `/api/talents/import${query}`, {
    token,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': length },
    body: (req) => {
      req.write(head);
      const stream = fs.createReadStream(file);
      stream.pipe(req, { end: false });
      stream.on('end', () => req.end(tail));
    },
  });
}

function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

/** After the run: the tallies recounted from the raw rows, and rows whose text holds U+FFFD (broken decoding). */
async function checkDatabase(databaseUrl) {
  const { createDatabase } = require(`${DIST}/platform/db`);
  const { recount } = require(`${DIST}/stats/recount`);
  const db = createDatabase(databaseUrl);
  try {
    const like = "'%\uFFFD%'";
    const [broken] = await db.sequelize.query(`SELECT COUNT(*) AS n FROM practitioners WHERE name LIKE ${like} OR org_name LIKE ${like} OR qualifications LIKE ${like}`, { type: 'SELECT' });
    return { recountDifferences: (await recount(db)).length, rowsWithReplacementChar: Number(broken.n) };
  } finally {
    await db.close();
  }
}

async function runOne(rows, heapCap) {
  const file = await xlsxFile(rows);
  const databaseUrl = await emptyDatabase(rows);
  const server = await startServer(databaseUrl, rows, heapCap);
  let stopped = false;
  try {
    const login = await request(server.port, 'POST', '/api/auth/login', { json: ADMIN });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
    const token = login.body.token;
    const before = memoryOf(server.pid);
    const t0 = performance.now();
    const res = await upload(server.port, token, file).catch(async (err) => ({ status: 0, body: { failure: `${err.message}; server exit: ${await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 2000))])}` } }));
    const seconds = (performance.now() - t0) / 1000;
    const result = { rows, fileMiB: Math.round((fs.statSync(file).size / 1048576) * 10) / 10, ...(heapCap ? { heapCapMiB: heapCap } : {}), seconds: Math.round(seconds * 100) / 100 };
    if (res.status !== 200) return { ...result, failed: res.status ? `${res.status} ${JSON.stringify(res.body).slice(0, 300)}` : res.body.failure };
    const after = memoryOf(server.pid);
    await server.stop();
    stopped = true;
    return {
      ...result,
      rowsPerSecond: Math.round(rows / seconds),
      created: res.body.created,
      updated: res.body.updated,
      unchanged: res.body.unchanged,
      errors: res.body.errorCount ?? res.body.errors.length,
      firstErrors: res.body.errors.slice(0, 3),
      rssBeforeMiB: before.rssMiB,
      peakMiB: after.peakMiB,
      ...(await checkDatabase(databaseUrl)),
    };
  } finally {
    if (!stopped) await server.stop();
  }
}

const good = (r) => !r.failed && r.created === r.rows && r.errors === 0 && r.recountDifferences === 0 && r.rowsWithReplacementChar === 0;

async function main() {
  const results = [];
  for (const rows of sizes) {
    console.error(`importing ${rows} rows …`);
    const result = await runOne(rows);
    const target = TARGETS[rows];
    if (target) result.target = { ...target, pass: good(result) && result.seconds < target.seconds && (!target.peakMiB || result.peakMiB < target.peakMiB) };
    results.push(result);
    console.error(`  ${result.failed ? `failed: ${result.failed}` : `${result.seconds} s, peak ${result.peakMiB} MiB`}`);
  }
  // Memory flat in the file's size. Left alone, V8 lets garbage pile up to a few hundred MB between
  // full collections on a long import whatever the file, so the peak of an uncapped run says little.
  // With the heap capped, an import that held the file (or anything growing with it beyond the
  // shared strings and the set of ID hashes) fails; one that streams peaks about where a small file does.
  let memoryFlat;
  if (flatCap && sizes.length > 1) {
    const runs = [];
    for (const rows of [sizes[0], sizes[sizes.length - 1]]) {
      console.error(`importing ${rows} rows with the server's heap capped at ${flatCap} MiB …`);
      const r = await runOne(rows, flatCap);
      console.error(`  ${r.failed ? `failed: ${r.failed}` : `${r.seconds} s, peak ${r.peakMiB} MiB`}`);
      runs.push(r);
    }
    const [small, large] = runs;
    const ratio = good(small) && good(large) ? Math.round((large.peakMiB / small.peakMiB) * 100) / 100 : null;
    memoryFlat = { heapCapMiB: flatCap, runs: runs.map(({ rows, seconds, peakMiB, failed }) => ({ rows, seconds, peakMiB, ...(failed ? { failed } : {}) })), ratio, pass: ratio !== null && ratio <= 1.5 };
  }
  const summary = { node: process.version, database: dbBase?.startsWith('mysql') ? 'mariadb' : 'sqlite', results, memoryFlat };
  summary.pass = results.every((r) => !r.target || r.target.pass) && (!memoryFlat || memoryFlat.pass);
  console.log(JSON.stringify(summary, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
