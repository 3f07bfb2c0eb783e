import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, nextAttemptAt } from './backoff.ts';

const created = 1_000_000;
const day = { retryWindowMs: 24 * 3_600_000 };

describe('nextAttemptAt', () => {
  it('waits a random time up to 1 s, 2 s, 4 s... after the 1st, 2nd, 3rd failure (full jitter)', () => {
    expect(nextAttemptAt(1, created, created, day, () => 0.999)).toBe(created + 999);
    expect(nextAttemptAt(2, created, created, day, () => 0.999)).toBe(created + 1998);
    expect(nextAttemptAt(3, created, created, day, () => 0.5)).toBe(created + 2000);
    expect(nextAttemptAt(3, created, created, day, () => 0)).toBe(created);
  });

  it('never waits more than an hour, however many attempts failed', () => {
    for (const n of [13, 40, 1000]) {
      expect(nextAttemptAt(n, created, created, day, () => 0.999999)).toBe(
        created + Math.floor(0.999999 * BACKOFF_CAP_MS),
      );
    }
  });

  it('spreads retries: two receivers failing together do not come back together', () => {
    const waits = new Set(
      Array.from({ length: 50 }, () => nextAttemptAt(8, created, created, day)! - created),
    );
    expect(waits.size).toBeGreaterThan(40);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(0);
    for (const w of waits) expect(w).toBeLessThan(128_000);
  });

  it('gives up (null: dead) when the next attempt would fall past the retry window', () => {
    const window = { retryWindowMs: 10_000 };
    expect(nextAttemptAt(1, created, created + 9_000, window, () => 0.9)).toBe(created + 9_900);
    expect(nextAttemptAt(1, created, created + 9_500, window, () => 0.9)).toBeNull();
    expect(nextAttemptAt(5, created, created + 10_001, window, () => 0)).toBeNull();
  });

  it('takes a smaller base and cap, as tests do', () => {
    expect(nextAttemptAt(4, 0, 0, { retryWindowMs: 1e9, baseMs: 10, capMs: 50 }, () => 0.99)).toBe(49);
  });
});
