import { randomUUID } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware, Next } from 'koa';
import type { Logger } from '../logger';
import { PayloadTooLargeError, ValidationError } from '../errors';
import type { AuthUser, TokenClaims, TokenService } from './auth';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** A request id (the caller's X-Request-Id when sane, else new) on every log line and the response. */
export function requestContext(logger: Logger): Middleware {
  return async (ctx: Context, next: Next) => {
    const given = ctx.get('X-Request-Id');
    const requestId = REQUEST_ID.test(given) ? given : randomUUID();
    const started = process.hrtime.bigint();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}

/** Headers that cost nothing and close common holes. The h5 template carries one inline script,
 *  so pages allow inline scripts from themselves only; API answers allow nothing at all. */
export function securityHeaders(): Middleware {
  return async (ctx: Context, next: Next) => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set(
      'Content-Security-Policy',
      ctx.path.startsWith('/api/')
        ? "default-src 'none'; frame-ancestors 'none'"
        : // font-src data: for the icon font Taro's <Icon> embeds in its stylesheet (success, warn, …)
          "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'",
    );
  };
}

/** JSON bodies up to `limit`; malformed JSON → 400, too large → 413, both in the contract's shape. */
export function jsonBody(limit = '1mb'): Middleware {
  return bodyParser({
    enableTypes: ['json'],
    jsonLimit: limit,
    onError(err) {
      const status = (err as { status?: number }).status;
      if (status === 413) throw new PayloadTooLargeError(`请求内容超过 ${limit} 上限`);
      throw new ValidationError([{ path: '(body)', message: '请求体不是有效的 JSON' }], '请求体不是有效的 JSON');
    },
  });
}

/** Reads the bearer token, if any. A bad token on a route that needs sign-in ends in 401 there;
 *  a bad token on a public route is simply ignored. */
/** `findUser` answers null for an account that is gone, disabled, or past the token's version. */
export function authenticate(tokens: TokenService, findUser: (claims: TokenClaims) => Promise<AuthUser | null>): Middleware {
  return async (ctx: Context, next: Next) => {
    const header = ctx.get('Authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) {
      const claims = tokens.verify(match[1]);
      ctx.state.user = claims ? await findUser(claims) : null;
    }
    await next();
  };
}
