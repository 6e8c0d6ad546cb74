import net from 'node:net';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { createHttpServer } from '../src/platform/http/server';
import { createTestApp, type TestApp } from './helpers/testApp';

/**
 * Slow and broken clients against the real HTTP server (not supertest's): a slowloris crowd holds
 * nothing once the head timeout runs out, a stalled body is cut at the request timeout, and what Node
 * refuses itself (a head over 16 KB, garbage) still answers in the contract's error shape.
 */
let t: TestApp;
let server: http.Server;
let port: number;
const LIMITS = { headersTimeoutMs: 800, requestTimeoutMs: 1500, keepAliveTimeoutMs: 500, checkEveryMs: 100 };

beforeAll(async () => {
  t = await createTestApp();
  server = createHttpServer(t.app.koa, pino({ level: 'silent' }), LIMITS);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Opens a socket that writes `first`, then a byte every `everyMs`; resolves with what came back when it closes. */
function slowClient(first: string, everyMs = 100): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
    let answer = '';
    const drip = setInterval(() => socket.writable && socket.write('a'), everyMs);
    socket.on('data', (c) => (answer += c.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (c) => (answer += c.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
  });
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

it('lets a slowloris crowd hold nothing: served meanwhile, and every slow head cut with 408 at the timeout', async () => {
  const crowd = Array.from({ length: 60 }, () => slowClient('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const served = await fetch(`http://127.0.0.1:${port}/api/reference`);
  expect(served.status).toBe(200);
  const results = await Promise.all(crowd);
  for (const r of results) {
    expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyOf(r.answer).error.code).toBe('VALIDATION_FAILED');
    expect(r.closedAfterMs).toBeLessThan(LIMITS.headersTimeoutMs + 2000);
  }
}, 20_000);

it('cuts a body that never ends at the request timeout', async () => {
  const r = await slowClient('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"phone":"', 200);
  expect(r.closedAfterMs).toBeLessThan(LIMITS.requestTimeoutMs + 2000);
  expect(r.closedAfterMs).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 200);
}, 20_000);

it('answers a head over 16 KB with 431 and garbage with 400, in the error shape', async () => {
  const big = await rawRequest(`GET /api/courses?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  expect(big).toMatch(/^HTTP\/1\.1 431/);
  expect(bodyOf(big).error).toEqual({ code: 'VALIDATION_FAILED', message: '请求头过大' });
  const garbage = await rawRequest('NOT HTTP AT ALL\r\n\r\n');
  expect(garbage).toMatch(/^HTTP\/1\.1 400/);
  expect(bodyOf(garbage).error.code).toBe('VALIDATION_FAILED');
});
