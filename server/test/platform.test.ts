import { z } from '../src/platform/zod';
import { createTestApp, type TestApp } from './helpers/testApp';

describe('platform: health, errors, headers, OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz', async () => {
    await t.request.get('/healthz').expect(200, { status: 'ok' });
    await t.request.get('/readyz').expect(200, { status: 'ok' });
  });

  it('answers an unknown API route with the contract error shape', async () => {
    const res = await t.request.get('/api/no-such-thing').expect(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const res = await t.request.post('/api/auth/login').set('Content-Type', 'application/json').send('{"phone": "138').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.request
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ phone: '13800000000', password: 'x'.repeat(2 * 1024 * 1024), name: 'a' }))
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sets security headers and echoes a sane request id', async () => {
    const res = await t.request.get('/healthz').set('X-Request-Id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src");
    const odd = await t.request.get('/healthz').set('X-Request-Id', 'bad id with spaces <script>').expect(200);
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI 3 document naming every API route', async () => {
    const res = await t.request.get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/register', '/api/auth/login', '/api/auth/wechat', '/api/auth/bind-phone', '/api/me', '/api/me/profile', '/api/admin/users', '/api/reference', '/api/audit',
      '/api/courses', '/api/courses/{code}', '/api/classes', '/api/classes/{id}', '/api/classes/{id}/sessions', '/api/classes/{id}/enrollments',
      '/api/classes/{id}/enrollments/me', '/api/me/enrollments', '/api/enrollments/{id}/approve', '/api/enrollments/{id}/reject']) {
      expect(Object.keys(res.body.paths)).toContain(p);
    }
    const register = res.body.paths['/api/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '413', '503']));
    // what each kind of sign-in, repeat and file answer looks like in the document
    expect(res.body.paths['/api/classes'].get.security).toEqual([{}, { bearerAuth: [] }]);
    expect(res.body.paths['/api/me'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(res.body.paths['/api/classes/{id}/enrollments'].post.responses)).toEqual(expect.arrayContaining(['200', '201']));
    expect(Object.keys(res.body.paths['/api/classes/{id}/enrollments'].get.responses['200'].content)).toEqual(['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const sessions = res.body.paths['/api/classes/{id}/sessions'].post.responses['201'].content['application/json'].schema;
    expect(sessions.$ref).toBe('#/components/schemas/ClassSession');
    expect(res.body.components.schemas.ClassSession.properties).toHaveProperty('startsAt');
    expect(res.body.components.schemas.Session.properties).toHaveProperty('token');
  });

  it('refuses, when its module loads, a second schema under a name already given', () => {
    z.object({ a: z.string() }).openapi('PlatformTestName');
    expect(() => z.object({ b: z.string() }).openapi('PlatformTestName')).toThrow(/"PlatformTestName" is given twice/);
  });
});

describe('platform: when the database is gone', () => {
  it('reports 503 on /readyz and never leaks internals on failures', async () => {
    const t = await createTestApp();
    await t.db.close();
    const ready = await t.request.get('/readyz').expect(503);
    expect(ready.body.error.code).toBe('UNAVAILABLE');
    const res = await t.request.post('/api/auth/login').send({ phone: '13800000000', password: 'whatever1' });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(['INTERNAL', 'UNAVAILABLE']).toContain(res.body.error.code);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/SELECT|INSERT|at .*\.(js|ts):\d+|Sequelize|ConnectionManager/i);
  });
});
