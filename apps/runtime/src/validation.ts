import type { z } from 'zod';
import { invalidRequest } from './problem.ts';

/** Parses `value` with a zod schema or throws 422 invalid_request listing every problem by path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 50).map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
  throw invalidRequest(errors);
}
