import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ProblemError } from './problem.ts';
import { EvaluateQuery } from './schemas.ts';
import { QueryParser } from './validation.ts';

describe('QueryParser', () => {
  const seen: unknown[] = [];
  const queries = new QueryParser();
  const app = new Hono();
  app.get('/q', (c) => {
    try {
      const q = queries.parse(c, EvaluateQuery);
      seen.push(q);
      return c.json(q);
    } catch (e) {
      return c.json({ status: (e as ProblemError).status, errors: (e as ProblemError).extras }, 422);
    }
  });
  const get = async (query: string) => (await app.request(`/q${query}`)).json();

  it('reads the parameters the schema names, ignoring others, as c.req.query() would', async () => {
    expect(await get('')).toEqual({ view: 'full' });
    expect(await get('?view=summary&version=3&other=x')).toEqual({ view: 'summary', version: 3 });
    expect(await get('?version=2&version=5')).toEqual({ view: 'full', version: 2 });
    expect(await get('?view=%73ummary')).toEqual({ view: 'summary' });
  });

  it('answers a query string seen before with the same frozen result, and never remembers a refusal', async () => {
    seen.length = 0;
    await get('?view=summary&version=4');
    await get('?view=summary&version=4');
    expect(seen[1]).toBe(seen[0]);
    expect(Object.isFrozen(seen[0])).toBe(true);
    // Another app's parser remembers nothing of this one's.
    const other = new QueryParser();
    const c = {
      req: {
        url: 'http://x/q?view=summary&version=4',
        query: (k: string) => ({ view: 'summary', version: '4' })[k],
      },
    };
    const fresh = other.parse(c as never, EvaluateQuery);
    expect(fresh).toEqual(seen[0]);
    expect(fresh).not.toBe(seen[0]);
    for (let i = 0; i < 2; i++) {
      const bad = await get('?view=everything');
      expect(bad.status).toBe(422);
      expect(JSON.stringify(bad.errors)).toContain('view');
    }
  });
});
