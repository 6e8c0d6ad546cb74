import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Every schema imports zod from here: OpenAPI metadata enabled, and messages people read in Chinese. */
extendZodWithOpenApi(z);
z.config(z.locales.zhCN());

/**
 * A component name given to a second schema would silently replace the first in the OpenAPI
 * document (class sessions were once documented as sign-in sessions that way): it fails at start-up.
 */
const namedAt = new Map<string, string>();
const openapi = z.ZodType.prototype.openapi;
z.ZodType.prototype.openapi = function (this: z.ZodType, ...args: unknown[]) {
  const name = typeof args[0] === 'string' ? args[0] : null;
  if (name) {
    const where = new Error().stack?.split('\n')[2]?.trim() ?? '';
    const first = namedAt.get(name);
    if (first !== undefined && first !== where) throw new Error(`OpenAPI schema name "${name}" is given twice (${first}; ${where}): each name must be unique`);
    namedAt.set(name, where);
  }
  return (openapi as (...a: unknown[]) => unknown).apply(this, args);
} as typeof openapi;

export { z };
