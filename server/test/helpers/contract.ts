/**
 * Holds the OpenAPI document to what the server really answers: every response a test receives
 * through `createTestApp().request` is checked against it — the operation exists, the status is one
 * it documents, a JSON body matches the documented schema. What does not is recorded and fails the
 * test that received it (contractSetup.ts), so the document cannot drift from the code.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface MediaType {
  schema?: object;
}
interface OperationDoc {
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationDoc>>;
  components?: object;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  doc: OperationDoc;
}

const violations: string[] = [];

/** OpenAPI 3.0's `nullable` as JSON Schema ("this, or null"); the document is 3.1, which needs none of it. */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, jsonSchemaOf(s)])) : jsonSchemaOf(v)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string' && !converted.enum) return { ...converted, type: [converted.type, 'null'] };
  return { anyOf: [converted, { type: 'null' }] };
}

/** What did not match the document since the last call, and forgets it. */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}

/** Paths answered outside the route declarations, on purpose. */
const OUTSIDE_THE_DOCUMENT = new Set(['/api/openapi.json']);

export function contractChecker(document: OpenApiDocument) {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
    for (const [method, doc] of Object.entries(methods)) {
      operations.push({ method: method.toUpperCase(), template, pattern, literalSegments: segments.filter((s) => !s.startsWith('{')).length, doc });
    }
  }
  // `/api/classes/mine` before `/api/classes/{id}`
  operations.sort((a, b) => b.literalSegments - a.literalSegments);

  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: object) => {
    let validate = validators.get(key);
    if (!validate) {
      // component $refs (#/components/schemas/…) resolve against this root
      validate = ajv.compile(jsonSchemaOf({ components: document.components, allOf: [schema] }) as object);
      validators.set(key, validate);
    }
    return validate;
  };

  function check(method: string, url: string, status: number, contentType: string, body: Buffer): void {
    const pathname = url.split('?')[0];
    if (!pathname.startsWith('/api/') || OUTSIDE_THE_DOCUMENT.has(pathname)) return;
    const operation = operations.find((o) => o.method === method && o.pattern.test(pathname));
    if (!operation) {
      if (status !== 404 && status !== 405) violations.push(`${method} ${pathname} answered ${status} but is not in the OpenAPI document`);
      return;
    }
    const name = `${method} ${operation.template}`;
    const documented = operation.doc.responses ?? {};
    const response = documented[String(status)];
    if (!response) {
      violations.push(`${name} answered ${status}, which the document does not list (it lists ${Object.keys(documented).join(', ')}): ${body.toString('utf8').slice(0, 200)}`);
      return;
    }
    const content = response.content ?? {};
    const answered = contentType.split(';')[0].trim();
    const documentedType = Object.keys(content).find((type) => type.split(';')[0].trim() === answered);
    if (Object.keys(content).length > 0 && !documentedType) {
      violations.push(`${name} ${status}: answered ${contentType || 'no content type'}, documented as ${Object.keys(content).join(' or ')}`);
      return;
    }
    const schema = content['application/json']?.schema;
    if (!schema || answered !== 'application/json') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      violations.push(`${name} ${status}: the body is not JSON`);
      return;
    }
    const validate = validatorFor(`${name} ${status}`, schema);
    if (!validate(parsed)) {
      const why = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      violations.push(`${name} ${status}: the body does not match the documented schema (${why}): ${body.toString('utf8').slice(0, 200)}`);
    }
  }

  /** The app's request listener, with every response checked as it finishes. */
  function wrap(listener: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      const keep = (chunk: unknown, encoding?: unknown) => {
        if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      };
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.write = ((...args: unknown[]) => (keep(args[0], args[1]), write(...args))) as ServerResponse['write'];
      res.end = ((...args: unknown[]) => (keep(args[0], args[1]), end(...args))) as ServerResponse['end'];
      // a content type given to writeHead is not kept where getHeader finds it
      let typeFromWriteHead = '';
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        const headers = args.find((a) => typeof a === 'object' && a !== null) as Record<string, unknown> | undefined;
        for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === 'content-type') typeFromWriteHead = String(v);
        return writeHead(...args);
      }) as ServerResponse['writeHead'];
      res.on('finish', () => check(req.method ?? 'GET', req.url ?? '/', res.statusCode, String(res.getHeader('content-type') ?? typeFromWriteHead), Buffer.concat(chunks)));
      listener(req, res);
    };
  }

  return { wrap };
}
