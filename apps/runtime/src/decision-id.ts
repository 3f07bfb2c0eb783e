import { randomBytes } from 'node:crypto';

/**
 * Decision ids sort by time: 12 hex digits of epoch ms, 6 of a per-millisecond sequence, 12 random
 * per generator (time and sequence already tell one generator's ids apart; the random part keeps
 * two processes apart). Sorting by id is sorting by time, which lets the log page with a cursor.
 * @example const next = decisionIds(); next(Date.now()) // '019a1b2c3d4e000000f3a9c1d2e4b5'
 */
export function decisionIds(): (nowMs: number) => string {
  let lastMs = 0;
  let seq = 0;
  let prefix = '';
  const random = randomBytes(6).toString('hex');
  return (nowMs) => {
    if (nowMs <= lastMs) {
      seq++;
      if (seq > 0xffffff) {
        lastMs++;
        seq = 0;
        prefix = lastMs.toString(16).padStart(12, '0');
      }
    } else {
      lastMs = nowMs;
      seq = 0;
      // Formatted once per millisecond: a batch makes all its ids within one.
      prefix = nowMs.toString(16).padStart(12, '0');
    }
    return prefix + seq.toString(16).padStart(6, '0') + random;
  };
}

/** The smallest id a decision made at or after `ms` can have: its 12 hex digits of time, then nothing. */
export const decisionIdFloor = (ms: number) => Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
