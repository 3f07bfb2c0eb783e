/** The first retry waits up to this long; each further one up to twice the one before. */
export const BACKOFF_BASE_MS = 1000;
/** No retry waits longer than an hour. */
export const BACKOFF_CAP_MS = 3_600_000;

export interface RetryPolicy {
  /** How long after a delivery was created it is still retried; past that it is dead. */
  retryWindowMs: number;
  baseMs?: number;
  capMs?: number;
}

/**
 * When the next attempt of a delivery is due after its `attempts`-th attempt failed, or null when
 * it is dead: exponential backoff with full jitter (a random wait from 0 to min(cap, base * 2^(n-1)),
 * so receivers that failed together do not all come back at the same moment). An attempt that would
 * fall past the retry window is not made: the delivery is dead, and a replay sends it again.
 * `random` is Math.random unless a test fixes it.
 */
export function nextAttemptAt(
  attempts: number,
  createdAtMs: number,
  nowMs: number,
  { retryWindowMs, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS }: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 52));
  const at = nowMs + Math.floor(random() * ceiling);
  return at > createdAtMs + retryWindowMs ? null : at;
}
