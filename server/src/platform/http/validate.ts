import type { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../errors';

export function issuesToDetails(issues: z.core.$ZodIssue[], prefix?: string): ErrorDetail[] {
  return issues.map((issue) => {
    const parts = [prefix, ...issue.path.map(String)].filter((p): p is string => Boolean(p));
    return { path: parts.join('.') || '(root)', message: issue.message };
  });
}

/** Parses untrusted input with a zod schema; failure → 400 VALIDATION_FAILED with a detail per field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(issuesToDetails(result.error.issues, prefix));
  return result.data;
}
