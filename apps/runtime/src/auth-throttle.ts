import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { Clock } from './clock.ts';
import { headerOf } from './headers.ts';

/** The window failed authentications are counted in, from an address's first failure. */
export const WINDOW_MS = 60_000;
/** Addresses remembered at most: a few hundred kilobytes, whatever the number of callers. */
export const MAX_ADDRESSES = 10_000;

/**
 * Failed authentications per client address: past `limit` in a minute, the address is refused
 * (429) until that minute is over, before its key is even checked, so a right guess cannot get
 * through either. Only failures write here; a request with a good key from an address that is not
 * refused costs one `blocked.size` read, which is 0 on a quiet day.
 * @example if (throttle.blocked.size !== 0) wait = throttle.waitFor(address)
 */
export class AuthThrottle {
  /** Refused addresses, to the epoch millisecond their refusal ends. */
  readonly blocked = new Map<string, number>();
  /** Failures in the current window, in the order the windows began (the oldest first). */
  private readonly failures = new Map<string, { start: number; n: number }>();
  private sweepAt = Number.POSITIVE_INFINITY;
  /** Requests refused so far, for the metrics. */
  refused = 0;

  constructor(
    private readonly clock: Clock,
    /** Failures an address may make in a minute; 0 turns the throttle off. */
    private readonly limit: number,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {}

  /** Addresses with failures counted. */
  get tracked(): number {
    return this.failures.size;
  }

  /** Whole seconds `address` must wait (counted as a refusal), or 0 when it may try. */
  waitFor(address: string): number {
    const now = this.clock.now();
    if (now >= this.sweepAt) this.sweep(now);
    const until = this.blocked.get(address);
    if (until === undefined) return 0;
    if (until <= now) {
      this.blocked.delete(address);
      return 0;
    }
    this.refused++;
    return Math.ceil((until - now) / 1000);
  }

  /** Counts a failed authentication from `address`; the limit-th in a window refuses it until the window ends. */
  failed(address: string): void {
    if (this.limit === 0) return;
    const now = this.clock.now();
    let f = this.failures.get(address);
    if (!f || now >= f.start + WINDOW_MS) {
      // Deleted and set again, so the map stays in the order the windows began.
      this.failures.delete(address);
      forgetOldest(this.failures, this.maxAddresses);
      f = { start: now, n: 0 };
      this.failures.set(address, f);
    }
    if (++f.n !== this.limit) return;
    const until = f.start + WINDOW_MS;
    forgetOldest(this.blocked, this.maxAddresses);
    this.blocked.set(address, until);
    this.sweepAt = Math.min(this.sweepAt, until);
  }

  /** Drops the refusals that ended; at most once a second, so many addresses cost little. */
  private sweep(now: number): void {
    let next = Number.POSITIVE_INFINITY;
    for (const [address, until] of this.blocked) {
      if (until <= now) this.blocked.delete(address);
      else if (until < next) next = until;
    }
    this.sweepAt = next === Number.POSITIVE_INFINITY ? next : Math.max(next, now + 1000);
  }
}

function forgetOldest(map: Map<string, unknown>, max: number): void {
  if (map.size < max) return;
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}

/**
 * The caller's address: the socket's peer, or, behind `trustProxy` reverse proxies, the address the
 * outermost of them saw (X-Forwarded-For, counted from the right, as each proxy appends the address
 * it received from). Without a socket (`app.request` in tests) the peer is "unknown".
 */
export function clientAddress(c: Context, trustProxy: number): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return peer;
  const hops = (headerOf(c, 'x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  hops.push(peer);
  return hops[Math.max(0, hops.length - 1 - trustProxy)]!;
}
