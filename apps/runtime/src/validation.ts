import type { Context } from 'hono';
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

/**
 * Reads the query parameters `schema` names, one by one, and parses them with it. The same result
 * as parsing `c.req.query()` (unknown parameters are ignored either way; a repeated one counts once),
 * without building the object of every parameter, which measured about 10 µs a request under load.
 */
export function parseQuery<S extends z.ZodObject>(c: Context, schema: S): z.output<S> {
  const query: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) query[key] = c.req.query(key);
  return parseWith(schema, query);
}
