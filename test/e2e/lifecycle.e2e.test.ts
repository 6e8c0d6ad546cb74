import net from 'node:net';
import { startServer } from './harness';

/** The built server as an operator runs it: start, answer, and stop cleanly on SIGTERM. */
it('finishes a request still in flight when SIGTERM arrives, then exits 0', async () => {
  const server = await startServer({ LOG_LEVEL: 'info' });
  const body = JSON.stringify({ phone: '13800000000', password: 'not-the-password' });
  const socket = net.connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let answer = '';
  socket.on('data', (chunk) => (answer += String(chunk)));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // Headers and half the body now: the request is in flight.
  socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  await new Promise((r) => setTimeout(r, 200));
  server.signal('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  // The server is draining: the rest of the body still gets its answer. (The client keeps its side
  // open: a half-closed socket is dropped by Node before any answer, drain or not.)
  socket.write(body.slice(10));
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 401/);
  expect(answer).toContain('"code":"UNAUTHENTICATED"');
  expect(await server.exited).toBe(0);
  const log = server.output.join('');
  expect(log).toContain('"msg":"draining"');
  expect(log).toContain('"msg":"stopped"');
});

it('refuses to start in production without secrets, saying which', async () => {
  await expect(startServer({ NODE_ENV: 'production', JWT_SECRET: '', ID_HASH_KEY: '' })).rejects.toThrow(/exited with 1: [\s\S]*Missing required secret\(s\) in production: JWT_SECRET, ID_HASH_KEY/);
});
