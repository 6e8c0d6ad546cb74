#!/usr/bin/env node
/**
 * What a phone downloads to open the h5 app cold: for a few entry pages, a fresh browser (empty
 * cache) opens the page on the built server and we add up the bytes of every response as sent
 * (compressed when the server sent a .br/.gz twin) and as decoded.
 *
 *   npm run build:server && npm run build:h5
 *   node bench/h5-page-weight.js
 *
 * Needs Debian's Chromium at /usr/bin/chromium (CHROMIUM_PATH to override); never downloads one.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const PAGES = [
  // signed out, so home sends the visitor on to the sign-in page: both pages' code is loaded
  ['/ (home → sign-in)', '/'],
  ['course list', '/pages/courses/list/index'],
  ['certificate check (/verify/<code>), public', '/verify/ZZZZZZZZZZZZZZZZ'],
];

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

async function startServer() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-weight-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${path.join(dataDir, 'app.sqlite')}` },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop: () => { child.kill('SIGTERM'); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'client/dist/h5/index.html'))) throw new Error('run npm run build:h5 first');
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const rows = [];
  try {
    for (const [name, url] of PAGES) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      const responses = [];
      page.on('requestfinished', (req) => responses.push(req));
      await page.goto(server.base + url, { waitUntil: 'networkidle' });
      let sent = 0;
      let decoded = 0;
      let files = 0;
      for (const req of responses) {
        if (req.url().includes('/api/')) continue;
        const sizes = await req.sizes();
        const res = await req.response();
        sent += sizes.responseBodySize;
        decoded += res ? (await res.body()).length : 0;
        files += 1;
      }
      rows.push({ name, files, sent, decoded });
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const js = fs.readdirSync(path.join(ROOT, 'client/dist/h5/js')).filter((f) => f.endsWith('.js'));
  const total = js.reduce((a, f) => a + fs.statSync(path.join(ROOT, 'client/dist/h5/js', f)).size, 0);
  console.log(`h5 build: ${js.length} JS files, ${kib(total)} in all (uncompressed)\n`);
  console.log('| page opened cold | files | sent over the wire | decoded |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.files} | ${kib(r.sent)} | ${kib(r.decoded)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
