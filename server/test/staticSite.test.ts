import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-h5-'));
beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'js'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  fs.writeFileSync(path.join(dist, 'js', 'app.1a2b3c4d.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'js', 'app.1a2b3c4d.js.br'), zlib.brotliCompressSync("console.log('br')"));
  fs.writeFileSync(path.join(dist, 'js', 'app.1a2b3c4d.js.gz'), zlib.gzipSync("console.log('gz')"));
  t = await createTestApp({ env: { CLIENT_DIST: dist } });
});
afterAll(() => t.close());

describe('serving the h5 app', () => {
  it('serves index.html at / and for app routes (history fallback), never cached', async () => {
    for (const url of ['/', '/pages/home/index', '/verify/ABC123']) {
      const res = await t.request.get(url).set('Accept', 'text/html').expect(200);
      expect(res.text).toContain('<div id="app">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and 404s missing files instead of the page', async () => {
    const asset = await t.request.get('/js/app.1a2b3c4d.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await t.request.get('/js/missing.js').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('sends the precompressed twin the browser accepts (brotli, then gzip), else the file itself', async () => {
    // each twin holds a different text, so the (client-decoded) body tells which file was sent
    const br = await t.request.get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'gzip, br').expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.text).toBe("console.log('br')");
    const gz = await t.request.get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe("console.log('gz')");
    const plain = await t.request.get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe('console.log(1)');
  });

  it('never answers /api with the page, and does not serve files outside the build', async () => {
    const api = await t.request.get('/api/unknown').set('Accept', 'text/html').expect(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    const escape = await t.request.get('/..%2f..%2fetc%2fpasswd').set('Accept', 'text/html');
    expect(escape.text).not.toContain('root:');
  });
});
