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
  const random = randomBytes(6).toString('hex');
  return (nowMs) => {
    let ms = nowMs;
    if (ms <= lastMs) {
      ms = lastMs;
      seq++;
      if (seq > 0xffffff) {
        ms++;
        seq = 0;
      }
    } else {
      seq = 0;
    }
    lastMs = ms;
    return ms.toString(16).padStart(12, '0') + seq.toString(16).padStart(6, '0') + random;
  };
}

/** The epoch milliseconds a decision id was made at. */
export const decisionTime = (id: string) => Number.parseInt(id.slice(0, 12), 16);
