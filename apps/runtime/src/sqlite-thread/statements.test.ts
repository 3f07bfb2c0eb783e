import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PreparedCtx } from './statements.ts';

describe('prepared statements', () => {
  it('keeps at most its bound, the oldest making room, and prepares a text again when it comes back', () => {
    const ctx = new PreparedCtx(new Database(':memory:'), 3);
    const texts = [1, 2, 3, 4, 5].map((n) => `SELECT ${n} AS n`);
    const first = ctx.q(texts[0]!);
    expect(ctx.q(texts[0]!)).toBe(first);
    for (const t of texts) expect(ctx.q(t).get()).toEqual({ n: Number(t.split(' ')[1]) });
    expect(ctx.prepared).toBe(3);
    // The first was the oldest: gone, so it comes back as a new statement that still answers.
    const again = ctx.q(texts[0]!);
    expect(again).not.toBe(first);
    expect(again.get()).toEqual({ n: 1 });
    expect(ctx.prepared).toBe(3);
    ctx.close();
  });
});
