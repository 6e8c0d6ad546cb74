import type { Context, Next } from 'koa';
import { AppError, PayloadTooLargeError, UnavailableError } from '../errors';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
  name?: string;
}

/**
 * The database did not answer, or not in time: its connection failed or was lost (MariaDB down or cut
 * off), or another process held SQLite's write lock past the busy timeout. The request did nothing and
 * may be retried: 503, never 500.
 */
export function databaseUnavailable(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; original?: { code?: string }; parent?: { code?: string }; code?: string };
  if (e.name && /^Sequelize(Connection|ConnectionRefused|HostNotFound|ConnectionAcquireTimeout|ConnectionTimedOut|Timeout)Error$/.test(e.name)) return true;
  const code = e.original?.code ?? e.parent?.code ?? e.code;
  return code !== undefined && ['SQLITE_BUSY', 'SQLITE_LOCKED', 'PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ER_CON_COUNT_ERROR', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR'].includes(code);
}

/** Maps errors that are not ours (body parser, database driver) to typed ones. */
function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as HttpishError;
  const status = e.status ?? e.statusCode;
  if (status === 413 || e.type === 'entity.too.large') return new PayloadTooLargeError();
  if (e.name === 'SequelizeUniqueConstraintError') return new AppError(409, 'CONFLICT', '数据已存在，与现有记录冲突');
  if (databaseUnavailable(err)) return new UnavailableError('数据库暂不可用，请稍后再试');
  return null;
}

/**
 * The one place errors become responses: `{error: {code, message, details?}}`. Unexpected errors are
 * logged with the request id and answered 500 INTERNAL without stack or SQL.
 */
export async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new AppError(404, 'NOT_FOUND', `没有这个接口：${ctx.method} ${ctx.path}`);
    }
  } catch (err) {
    const known = toAppError(err);
    const appError = known ?? new AppError(500, 'INTERNAL', '服务器内部错误，请稍后再试');
    if (!known || appError.status >= 500) {
      ctx.state.log?.error({ err }, 'request failed');
    }
    ctx.status = appError.status;
    if (appError.headers) ctx.set(appError.headers);
    ctx.type = 'application/json';
    ctx.body = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details && appError.details.length > 0 ? { details: appError.details } : {}),
      },
    };
  }
}
