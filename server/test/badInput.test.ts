import fc from 'fast-check';
import JSZip from 'jszip';
import { auth, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';
import { buildWorld, operationsOf, PNG, type World } from './helpers/world';

/**
 * The bad-input corpus: every operation's body, query and path parameters fed generated and
 * hand-picked bad input. Whatever comes in: never a 5xx, every error in the contract's shape (and, by
 * the response checker every test runs under, a status the OpenAPI document lists), memory bounded.
 * The caller is the admin, who passes every door, so each request reaches its validation.
 */

let t: TestApp;
let world: World;
let cases = 0;
const failures: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
});
afterAll(() => t.close());

/** Strings that have broken parsers, databases, spreadsheets and terminals elsewhere. */
const NASTY = [
  '',
  ' ',
  '\u202Eevil\u202C', // right-to-left override
  '\u200B\u200C\u200D\uFEFF', // zero-width
  '\uD800', // lone high surrogate
  '\uDFFFx', // lone low surrogate
  '𠀋𡈽𡌛', // outside the BMP
  '\u0000nul',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '=HYPERLINK("http://evil.example","点我")',
  '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '1e309',
  'NaN',
  '-0',
  '9'.repeat(40),
  'x'.repeat(20_000),
  '13800001234',
  '2026-02-30',
  '2026-13-01T25:61:00+08:00',
];
const nasty = fc.constantFrom(...NASTY);
/** For URLs: Node refuses request heads over 16 KB itself (431, see slowClients.test.ts). */
const nastyShort = fc.constantFrom(...NASTY.filter((s) => s.length < 1000));
const anyValue: fc.Arbitrary<unknown> = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }));

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

async function call(method: Method, path: string, send?: (req: ReturnType<TestApp['request']['get']>) => ReturnType<TestApp['request']['get']>, label = '') {
  let req = t.request[method](path).set(auth(world.tokens.admin!));
  if (send) req = send(req);
  const res = await req;
  cases++;
  const where = `${method.toUpperCase()} ${path.slice(0, 120)} ${label}`;
  if (res.status >= 500) failures.push(`${where}: ${res.status} ${res.text.slice(0, 200)}`);
  if (res.status >= 400) {
    const e = res.body?.error;
    const shaped = e && typeof e.code === 'string' && typeof e.message === 'string' && (e.details === undefined || (Array.isArray(e.details) && e.details.every((d: { path?: unknown; message?: unknown }) => typeof d.path === 'string' && typeof d.message === 'string')));
    if (!shaped) failures.push(`${where}: ${res.status} not in the error shape: ${res.text.slice(0, 200)}`);
  }
  return res;
}

/** Operations that take a JSON body, and the properties their schema names. */
function jsonBodyOperations() {
  return operationsOf(t)
    .map(({ method, path, doc }) => {
      const content = (doc.requestBody as { content?: Record<string, { schema?: { properties?: Record<string, unknown>; $ref?: string } }> } | undefined)?.content;
      const json = content?.['application/json']?.schema;
      if (!json) return null;
      const ref = json.$ref?.split('/').pop();
      const schema = ref ? (t.app.openapi as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }).components.schemas[ref] : json;
      return { method: method as Method, path, keys: Object.keys(schema?.properties ?? {}) };
    })
    .filter((o): o is { method: Method; path: string; keys: string[] } => o !== null)
    // the caller's own account is not a target: a valid random password change would end the test's token
    .filter((o) => !['/api/me/password', '/api/me/account-deletion'].includes(o.path));
}

describe('generated bad input (fast-check)', () => {
  it('JSON bodies: random values under the schema’s own keys, and random documents', async () => {
    for (const op of jsonBodyOperations()) {
      const path = world.concretePath(op.path);
      const body = op.keys.length ? fc.oneof(fc.dictionary(fc.constantFrom(...op.keys), anyValue, { maxKeys: op.keys.length }), fc.jsonValue({ maxDepth: 4 })) : fc.jsonValue({ maxDepth: 4 });
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          await call(op.method, path, (req) => req.set('Content-Type', 'application/json').send(JSON.stringify(value)), JSON.stringify(value).slice(0, 60));
        }),
        { numRuns: 6, seed: 20261203 },
      );
    }
  }, 120_000);

  it('query strings: random values for every documented parameter', async () => {
    const ops = operationsOf(t).filter(({ doc }) => ((doc.parameters as { in: string }[] | undefined) ?? []).some((p) => p.in === 'query'));
    for (const { method, path, doc } of ops) {
      const names = (doc.parameters as { in: string; name: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), fc.oneof(nastyShort, fc.string(), fc.integer().map(String)), { minKeys: 1, maxKeys: names.length }), async (query) => {
          await call(method as Method, world.concretePath(path), (req) => req.query(query), JSON.stringify(query).slice(0, 60));
        }),
        { numRuns: 5, seed: 20261203 },
      );
    }
  }, 120_000);

  it('path parameters: ids and codes that are not', async () => {
    const WEIRD = ['0', '-1', '1.5', '1e3', '9'.repeat(30), 'abc', '%00', '%F0%9F%98%80', '..%2F..%2Fetc', "1' OR '1'='1", ' 7', '0x10'];
    const ops = operationsOf(t).filter(({ path }) => path.includes('{'));
    for (const { method, path } of ops) {
      for (const weird of WEIRD) {
        const concrete = path.replace(/\{[^}]+\}/g, weird);
        await call(method as Method, concrete, method === 'get' || method === 'delete' ? undefined : (req) => req.send({}), weird);
      }
    }
  }, 120_000);
});

describe('hand-picked bad input', () => {
  it('malformed, huge, deep and mistyped JSON', async () => {
    const raw = (path: string, body: string, type = 'application/json') => call('post', path, (req) => req.set('Content-Type', type).send(body), body.slice(0, 30));
    expect((await raw('/api/auth/login', '{"phone": "138')).status).toBe(400);
    expect((await raw('/api/auth/login', '[]')).status).toBe(400);
    expect((await raw('/api/auth/login', 'null')).status).toBe(400);
    expect((await raw('/api/auth/login', '"just a string"')).status).toBe(400);
    expect((await raw('/api/auth/login', `{"phone": "${'1'.repeat(2 * 1024 * 1024)}"}`)).status).toBe(413);
    expect((await raw('/api/auth/login', '['.repeat(200_000) + ']'.repeat(200_000))).status).toBeLessThan(500);
    expect((await raw('/api/auth/login', `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`)).status).toBe(400);
    expect((await raw('/api/auth/login', 'phone=13800001234&password=x', 'application/x-www-form-urlencoded')).status).toBeLessThan(500);
    expect((await raw('/api/auth/login', '<xml/>', 'application/xml')).status).toBeLessThan(500);
    expect((await raw('/api/auth/login', '\u0000\u0001\u0002', 'application/json')).status).toBe(400);
    expect((await raw('/api/auth/login', JSON.stringify({ phone: 13800001234, password: ['x'] }))).status).toBe(400);
    expect((await raw('/api/auth/login', '{"__proto__": {"admin": true}, "phone": "13800001234", "password": "x"}')).status).toBeLessThan(500);
  });

  it('unicode edge cases in names are kept or refused, never broken', async () => {
    for (const name of ['\u202E管理员', '张\u200B三', '李\uD800四', '𠀋𡈽', '\u0000', ' '.repeat(60), 'A'.repeat(51)]) {
      const res = await call('post', '/api/auth/register', (req) => req.send({ phone: t.nextPhone(), password: 'password123', name }), JSON.stringify(name));
      expect([201, 400]).toContain(res.status);
      if (res.status === 201) expect(typeof res.body.user.name).toBe('string');
    }
  });

  it('SQL and formula injection are data, not code', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', '\\', "'; DELETE FROM practitioners; --", '" OR ""="']) {
      const talents = await call('get', `/api/talents?q=${encodeURIComponent(q)}`);
      expect(talents.status).toBe(200);
      expect(talents.body.total).toBe(0);
      const users = await call('get', `/api/admin/users?q=${encodeURIComponent(q)}`);
      expect(users.status).toBe(200);
      expect(users.body.total).toBe(0);
    }
    // a formula stored as a name comes out of the export as text
    const p = await t.registerPractitioner('=HYPERLINK("http://evil.example","x")');
    const saved = await call('put', '/api/me/profile', (req) => req.set(auth(p.token)).send(profileBody({ name: '=HYPERLINK("http://evil.example","x")', idNumber: makeIdNumber('500101', '19700101', 99) })));
    expect([200, 400]).toContain(saved.status);
    const csv = await call('get', '/api/talents/export?format=csv', (req) => req.buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => done(null, text));
    }));
    expect(String(csv.body)).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('uploads: malformed multipart, content that lies about its name, zero bytes, too large, a zip bomb', async () => {
    const claim = (attach: (req: ReturnType<TestApp['request']['post']>) => ReturnType<TestApp['request']['post']>) =>
      call('post', '/api/me/credit-claims', (req) => attach(req.set(auth(world.aToken)).field('title', '研修').field('provider', '协会').field('date', '2026-02-10').field('hours', '2').field('category', 'public')) as never);
    expect((await claim((req) => req.attach('evidence', Buffer.from('MZ\x90\x00 not a picture'), 'photo.png'))).status).toBe(400);
    expect((await claim((req) => req.attach('evidence', Buffer.from('PK\x03\x04 a zip'), 'proof.pdf'))).status).toBe(400);
    expect((await claim((req) => req.attach('evidence', Buffer.alloc(0), 'empty.png'))).status).toBe(400);
    expect((await claim((req) => req.attach('evidence', Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), 'big.png'))).status).toBe(413);
    expect((await claim((req) => req.attach('wrongField', PNG, 'p.png'))).status).toBe(400);
    const broken = await call('post', '/api/me/credit-claims', (req) => req.set(auth(world.aToken)).set('Content-Type', 'multipart/form-data; boundary=XYZ').send('--XYZ\r\nContent-Disposition: form-data; name="evidence"; filename="a.png"\r\n\r\n\x89PNG'));
    expect(broken.status).toBe(400);
    const noBoundary = await call('post', '/api/talents/import', (req) => req.set('Content-Type', 'multipart/form-data').send('garbage'));
    expect(noBoundary.status).toBe(400);

    const importFile = (content: Buffer, name: string) => call('post', '/api/talents/import?dryRun=true', (req) => req.attach('file', content, name), name);
    expect((await importFile(Buffer.alloc(0), 'empty.xlsx')).status).toBe(400);
    expect((await importFile(Buffer.from('PK\x03\x04 truncated zip'), 'broken.xlsx')).status).toBe(400);
    expect((await importFile(PNG, 'picture.xlsx')).status).toBe(400);
    // 2 GiB of zeros declared inside a few MB: refused before it is inflated
    const bomb = new JSZip();
    bomb.file('[Content_Types].xml', '<Types/>');
    bomb.file('xl/workbook.xml', '<workbook><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>');
    bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024, 0x20), { compression: 'DEFLATE' });
    const small = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const patched = declareSize(small, 'xl/worksheets/sheet1.xml', 2 * 1024 * 1024 * 1024 - 1);
    const before = process.memoryUsage().rss;
    const res = await importFile(patched, 'bomb.xlsx');
    expect(res.status).toBe(400);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  afterAll(() => {
    // the corpus is at least 300 cases; none answered 5xx or out of shape
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(300);
  });
});

/**
 * A zip whose entry declares a different uncompressed size (in both the local header and the central
 * directory), as a bomb does: the reader must refuse by the declaration without inflating.
 */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (let i = 0; i < out.length - 46; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, i + 24);
  }
  return out;
}
