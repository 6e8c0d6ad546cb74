import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import multer from '@koa/multer';
import type Router from '@koa/router';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Context } from 'koa';
import { z } from '../zod';
import { authorize, type Access, type AuthUser } from './auth';
import { parseInput } from './validate';
import { errorBodySchema } from './openapi';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../errors';

/** An uploaded file: in memory (`buffer`), or with `storage: 'disk'` in a temporary file (`path`). */
export interface UploadedFile {
  buffer?: Buffer;
  path?: string;
  size: number;
  originalname: string;
}

/** A multipart route: one file field (at most maxBytes; larger → 413) beside the text fields in `body`. */
export interface UploadSpec {
  field: string;
  maxBytes: number;
  description: string;
  /**
   * 'memory' (default) hands the handler a Buffer; 'disk' streams the upload to a temporary file,
   * removed when the request ends, for files too large to hold in memory.
   */
  storage?: 'memory' | 'disk';
}

/** Where `storage: 'disk'` uploads wait while their request runs. */
export const UPLOAD_TMP_DIR = path.join(os.tmpdir(), 'cqip-uploads');

function uploadMiddleware(spec: UploadSpec) {
  const storage = spec.storage === 'disk' ? multer.diskStorage({ destination: UPLOAD_TMP_DIR }) : multer.memoryStorage();
  const parse = multer({ storage, limits: { fileSize: spec.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 } }).single(spec.field);
  return async (ctx: Context, next: () => Promise<unknown>) => {
    try {
      await parse(ctx as never, async () => undefined);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE') throw new PayloadTooLargeError(`文件不能超过 ${Math.round(spec.maxBytes / 1024 / 1024)} MB`);
      throw new ValidationError([{ path: spec.field, message: code === 'LIMIT_UNEXPECTED_FILE' ? '上传的文件字段不正确' : '无法读取上传的内容' }]);
    }
    const file = (ctx as unknown as { file?: UploadedFile }).file;
    try {
      await next();
    } finally {
      if (file?.path) await fs.promises.rm(file.path, { force: true });
    }
  };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type UserFor<A extends Access> = A extends 'public' ? null : A extends 'optional' ? AuthUser | null : AuthUser;

/** A handler's answer when the status differs from the route's default (e.g. 200 vs 201 on a repeat). */
export class Reply<T> {
  constructor(readonly status: number, readonly body: T) {}
}
export const reply = <T>(status: number, body: T) => new Reply(status, body);

/** Returned by a handler that wrote the answer itself (a spreadsheet download on a JSON route). */
export const SENT = Symbol('sent');

export interface RouteDefinition<
  A extends Access,
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: Method;
  /** Koa style, e.g. `/api/classes/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** A file upload beside `body` (sent as multipart/form-data). */
  upload?: UploadSpec;
  /** Status of a normal answer (200 unless given). */
  status?: number;
  /** The projection returned; the answer is parsed through it, so nothing outside it can leak. */
  response: R;
  /**
   * Content types of files this route sends: instead of its JSON on request (`format=xlsx`), or
   * always (`response: fileResponse`).
   */
  files?: string[];
  /** Other success statuses answered with the same body, and when (e.g. 200 for a repeated sign-up). */
  otherSuccess?: Record<number, string>;
  /**
   * Error statuses this route can answer, for the OpenAPI document, besides those every route of its
   * kind can (400 with input, 401/403 by access, 413 with a body, 500, 503).
   */
  errors?: number[];
  /** Allowed while the caller's temporary password awaits its change (everything else answers 403). */
  duringPasswordChange?: boolean;
  handler(input: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    user: UserFor<A>;
    ctx: Context;
    file: UploadedFile | undefined;
  }): Promise<z.input<R> | Reply<z.input<R>> | typeof SENT>;
}

/** Binary answers (spreadsheets, PDFs): the handler sets ctx.body and type itself. */
export const fileResponse = z.any().openapi({ type: 'string', format: 'binary' });

/** No body: with `status: 204` (or 202, accepted). */
export const noContent = z.undefined();

/** The caller is using a temporary password an admin issued: only changing it is allowed. */
export function refuseUntilPasswordChanged(access: Access, user: AuthUser | null, allowed: boolean): void {
  if (!allowed && user?.mustChangePassword && access !== 'public' && access !== 'optional') {
    throw new ForbiddenError('请先修改临时密码', 'PASSWORD_CHANGE_REQUIRED');
  }
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED (or a more specific 400 code)',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT or a more specific code',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL: unexpected, logged with the request id',
  503: 'UNAVAILABLE: the database does not answer; try again',
};

/** Optional sign-in: anonymous, or a bearer token (which changes what the answer shows). */
const OPTIONAL_BEARER: Record<string, string[]>[] = [{}, { bearerAuth: [] }];

export class Routes {
  constructor(
    private readonly router: Router,
    private readonly registry: OpenAPIRegistry,
  ) {}

  define<A extends Access, P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown, R extends z.ZodType = z.ZodType>(
    def: RouteDefinition<A, P, Q, B, R>,
  ): void {
    this.document(def);
    const normalStatus = def.status ?? 200;
    const isFile = (def.response as z.ZodType) === fileResponse;
    const upload = def.upload ? uploadMiddleware(def.upload) : null;
    this.router[def.method](def.path, async (ctx: Context) => {
      const user = (ctx.state.user ?? null) as AuthUser | null;
      authorize(def.access, user);
      refuseUntilPasswordChanged(def.access, user, def.duringPasswordChange === true);
      const handle = async () => {
        const params = (def.params ? parseInput(def.params, ctx.params) : ctx.params) as z.infer<P>;
        const query = (def.query ? parseInput(def.query, ctx.query) : ctx.query) as z.infer<Q>;
        const body = (def.body ? parseInput(def.body, (ctx.request as { body?: unknown }).body ?? {}) : undefined) as z.infer<B>;
        const file = (ctx as unknown as { file?: UploadedFile }).file;
        const result = await def.handler({ params, query, body, user: user as UserFor<A>, ctx, file });
        if (isFile || result === SENT) return;
        if ((def.response as z.ZodType) === noContent) {
          // body first: Koa turns a null body into 204 unless the status is set after it (202 stays 202)
          ctx.body = null;
          ctx.status = result instanceof Reply ? result.status : normalStatus;
          return;
        }
        const answer = result instanceof Reply ? result : new Reply(normalStatus, result);
        ctx.status = answer.status;
        ctx.body = def.response.parse(answer.body);
      };
      // With an upload, the handler runs inside it, so a temporary file outlives the handler only until it returns.
      if (upload) await upload(ctx, handle);
      else await handle();
    });
  }

  private document(def: RouteDefinition<Access, z.ZodType, z.ZodType, z.ZodType, z.ZodType>): void {
    const status = def.status ?? 200;
    const errorStatuses = new Set(def.errors ?? []);
    if (def.body || def.query || def.params) errorStatuses.add(400);
    if (def.access !== 'public' && def.access !== 'optional') errorStatuses.add(401);
    // 403 by role, or PASSWORD_CHANGE_REQUIRED for any signed-in route while a temporary password is in use
    if (Array.isArray(def.access) || (def.access === 'user' && !def.duringPasswordChange)) errorStatuses.add(403);
    if (def.upload || def.body) errorStatuses.add(413);
    errorStatuses.add(500);
    errorStatuses.add(503);
    const files = Object.fromEntries((def.files ?? []).map((type) => [type, { schema: fileResponse }]));
    const success = (description: string) => ({
      description: def.response === fileResponse ? 'File download' : description,
      content: def.response === fileResponse ? files : { 'application/json': { schema: def.response }, ...files },
    });
    const responses: RouteConfig['responses'] = { [status]: def.response === noContent ? { description: 'No content' } : success('OK') };
    for (const [code, description] of Object.entries(def.otherSuccess ?? {})) responses[code] = success(description);
    for (const code of errorStatuses) {
      responses[code] = { description: ERROR_DESCRIPTIONS[code] ?? 'Error', content: { 'application/json': { schema: errorBodySchema } } };
    }
    const request: RouteConfig['request'] = {};
    if (def.params) request.params = def.params as RouteConfig['request'] extends { params?: infer X } ? X : never;
    if (def.query) request.query = def.query as RouteConfig['request'] extends { query?: infer X } ? X : never;
    if (def.body && def.upload) {
      const multipart = (def.body as unknown as z.ZodObject).extend({ [def.upload.field]: z.any().openapi({ type: 'string', format: 'binary', description: def.upload.description }) });
      request.body = { content: { 'multipart/form-data': { schema: multipart } } };
    } else if (def.body) request.body = { content: { 'application/json': { schema: def.body } } };
    this.registry.registerPath({
      method: def.method,
      path: def.path.replace(/:(\w+)/g, '{$1}'),
      summary: def.summary,
      tags: [def.tag],
      security: def.access === 'public' ? [] : def.access === 'optional' ? OPTIONAL_BEARER : [{ bearerAuth: [] }],
      request,
      responses,
    });
  }
}
