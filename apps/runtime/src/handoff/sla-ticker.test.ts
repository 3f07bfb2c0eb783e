import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFields } from '../logger.ts';
import { SlaTicker } from './sla-ticker.ts';

function logs() {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  return {
    lines,
    logger: {
      info: (message: string, fields?: LogFields) => lines.push({ level: 'info', message, fields }),
      error: (message: string, fields?: LogFields) => lines.push({ level: 'error', message, fields }),
    },
  };
}

describe('SlaTicker', () => {
  afterEach(() => vi.useRealTimers());

  it('asks the store at the clock time every interval until stopped, and wakes delivery after events', async () => {
    vi.useFakeTimers();
    let now = 1_000;
    const seen: number[] = [];
    let woken = 0;
    const { logger } = logs();
    const ticker = new SlaTicker({
      store: {
        tickSla: async (ms) => {
          seen.push(ms);
          return {
            dueSoon: ms === 2_000 ? 1 : 0,
            breached: 0,
            escalated: 0,
            deliveries: ms === 2_000 ? 1 : 0,
          };
        },
      },
      clock: { now: () => now },
      logger,
      everyMs: 5000,
      deliverer: { wake: () => woken++ },
    });
    ticker.start();
    now = 2_000;
    await vi.advanceTimersByTimeAsync(5000);
    now = 3_000;
    await vi.advanceTimersByTimeAsync(5000);
    await ticker.stop();
    now = 4_000;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(seen).toEqual([2_000, 3_000]);
    expect(woken).toBe(1);
  });

  it('logs a failed tick and goes on with the next', async () => {
    let calls = 0;
    const { lines, logger } = logs();
    const ticker = new SlaTicker({
      store: {
        tickSla: async () => {
          if (++calls === 1) throw new Error('database is locked');
          return { dueSoon: 0, breached: 2, escalated: 0, deliveries: 0 };
        },
      },
      clock: { now: () => 0 },
      logger,
      everyMs: 5000,
    });
    expect(await ticker.tick()).toBeNull();
    expect(await ticker.tick()).toEqual({ dueSoon: 0, breached: 2, escalated: 0, deliveries: 0 });
    expect(ticker.failures).toBe(1);
    expect(lines[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/tick failed/) });
    expect(String(lines[0]!.fields!.error)).toMatch(/database is locked/);
  });

  it('never runs two ticks at once', async () => {
    let inFlight = 0;
    let most = 0;
    const ticker = new SlaTicker({
      store: {
        tickSla: async () => {
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          return { dueSoon: 0, breached: 0, escalated: 0, deliveries: 0 };
        },
      },
      clock: { now: () => 0 },
      logger: logs().logger,
      everyMs: 5000,
    });
    await Promise.all([ticker.tick(), ticker.tick(), ticker.tick()]);
    expect(most).toBe(1);
  });
});
