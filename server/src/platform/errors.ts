/**
 * Typed errors thrown by services and the HTTP edge. One middleware (errorMiddleware.ts) maps
 * them to the contract's error shape; nothing else writes error bodies.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[], message = '请求参数不正确') {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '没有权限执行此操作', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = '内容不存在') {
    super(404, 'NOT_FOUND', message);
  }
}

/** 409: `code` is CONFLICT or a more specific code from the contract (ID_NUMBER_TAKEN, ...). */
export class ConflictError extends AppError {
  constructor(message: string, code = 'CONFLICT', details?: ErrorDetail[]) {
    super(409, code, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = '请求内容过大') {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', message, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

/** The service or something it needs is down for now; try again in a few seconds (Retry-After). */
export class UnavailableError extends AppError {
  constructor(message = '服务暂不可用，请稍后再试', retryAfterSeconds = 5) {
    super(503, 'UNAVAILABLE', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}
