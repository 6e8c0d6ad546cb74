import http from 'node:http';
import type { Socket } from 'node:net';
import type Koa from 'koa';
import type { Logger } from '../logger';

/**
 * How long a client may take. A slow client (slowloris: headers a byte at a time, or a body that never
 * ends) holds a socket and nothing else, and only until these run out.
 */
export interface ClientLimits {
  /** The whole request head. */
  headersTimeoutMs: number;
  /** The whole request, body included (a 50 MB import over a slow mobile line needs a while). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two above. */
  checkEveryMs: number;
}

export const CLIENT_LIMITS: ClientLimits = { headersTimeoutMs: 15_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000, checkEveryMs: 1_000 };

const REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'VALIDATION_FAILED', message: '请求头过大' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'VALIDATION_FAILED', message: '请求超时' },
};

export interface DrainableServer extends http.Server {
  /** Stop keeping connections alive and refuse (503) requests that arrive from now on. */
  drain(): void;
}

/**
 * The HTTP server around the app. Requests Node refuses before the app sees them (a head over 16 KB,
 * a malformed request, a timeout) still get the contract's error shape.
 */
export function createHttpServer(koa: Koa, logger: Logger, limits: ClientLimits = CLIENT_LIMITS): DrainableServer {
  const handle = koa.callback();
  let draining = false;
  const server = http.createServer(
    { requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: limits.checkEveryMs },
    (req, res) => {
      // Stopping: a request that arrives now (on a kept-alive connection) is refused cleanly, so the
      // caller retries elsewhere and the connection closes; those already in flight finish.
      if (draining) {
        const body = JSON.stringify({ error: { code: 'UNAVAILABLE', message: '服务正在重启，请稍后再试' } });
        res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Retry-After': '5', Connection: 'close' });
        res.end(body);
        return;
      }
      inFlight.add(res);
      res.on('close', () => inFlight.delete(res));
      void handle(req, res);
    },
  ) as DrainableServer;
  const inFlight = new Set<http.ServerResponse>();
  server.drain = () => {
    draining = true;
    // each answer still to be written closes its connection after it
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.closeIdleConnections();
  };
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const refusal = REFUSALS[err.code ?? ''] ?? { status: 400, code: 'VALIDATION_FAILED', message: '请求格式不正确' };
    const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
    logger.info({ code: err.code, status: refusal.status }, 'request refused before the app');
    socket.end(`HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
