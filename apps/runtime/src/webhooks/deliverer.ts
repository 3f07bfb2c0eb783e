import type { Clock } from '../clock.ts';
import type { WebhookConfig } from '../config.ts';
import type { ClaimedDelivery, HandoffStore } from '../handoff/types.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { nextAttemptAt } from './backoff.ts';
import { SIGNATURE_HEADER, signHeader } from './signature.ts';

/** What the deliverer needs of the hand-off store. */
export type Outbox = Pick<HandoffStore, 'claimDeliveries' | 'recordAttempt'>;

/**
 * The headers of a delivery, but the signature (computed at each attempt): what is sent and what
 * `GET /v1/deliveries/{id}` shows.
 */
export const deliveryHeaders = (d: { id: string; eventId: string; eventType: string }) => ({
  'Content-Type': 'application/json',
  'User-Agent': 'Qualify-Webhooks/1',
  'Qualify-Event': d.eventType,
  'Qualify-Delivery': d.id,
  'Idempotency-Key': d.eventId,
});

export interface DelivererOptions {
  outbox: Outbox;
  clock: Clock;
  config: WebhookConfig;
  logger: Logger;
  /** First-retry wait; tests make it small. Default 1 s. */
  backoffBaseMs?: number;
  fetch?: typeof fetch;
  /** Counts attempts for /metrics. */
  metrics?: Pick<Metrics, 'webhookAttempt'>;
}

/** Kept from a failed answer's body, so a person inspecting the attempt sees why. */
const ANSWER_SHOWN = 300;

/**
 * Sends the outbox's deliveries to their subscriptions: it polls every `pollMs` and is woken at once
 * after a hand-off commits; at most `concurrency` requests are in flight. Each attempt is recorded
 * (status or error, duration) with the next attempt's time, or null when delivered or dead. It runs
 * beside evaluation and never in its way: evaluation only wakes it, and nothing here waits on a
 * receiver while holding anything evaluation needs.
 */
export class Deliverer {
  private inFlight = 0;
  private readonly sending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private again = false;
  private closed = false;
  private readonly stop = new AbortController();
  private readonly send: typeof fetch;

  /** A claim covers one attempt and its recording; a lapsed one (a crash) is offered again. */
  private readonly leaseMs: number;

  constructor(private readonly o: DelivererOptions) {
    this.send = o.fetch ?? fetch;
    this.leaseMs = o.config.timeoutMs * 2 + 5000;
  }

  start(): this {
    this.schedule();
    return this;
  }

  /** Looks at the outbox now rather than at the next poll (after a hand-off committed events). */
  wake(): void {
    if (this.closed) return;
    void this.pump();
  }

  /**
   * Stops polling and cuts requests in flight; their attempts are recorded as failed with a retry
   * due at once, so the next start sends them again (at least once). Resolves once all are recorded.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.stop.abort();
    while (this.pumping || this.sending.size > 0) await Promise.allSettled([...this.sending, tick()]);
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.timer = setTimeout(() => void this.pump(), this.o.config.pollMs);
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const room = this.o.config.concurrency - this.inFlight;
        if (this.closed || room <= 0) break;
        const claimed = await this.o.outbox.claimDeliveries(this.o.clock.now(), room, this.leaseMs);
        for (const d of claimed) this.track(this.attempt(d));
        // A full batch may mean more are waiting; so may a batch that finished while claiming.
        if (claimed.length === room) this.again = true;
      } while (this.again);
    } catch (e) {
      this.o.logger.error('webhook deliveries could not be claimed', { error: String(e) });
    } finally {
      this.pumping = false;
      this.schedule();
    }
  }

  private track(p: Promise<void>) {
    this.inFlight++;
    this.sending.add(p);
    void p.finally(() => {
      this.inFlight--;
      this.sending.delete(p);
      // The lead's next event may be free to go now, and there is room for one more.
      if (!this.closed) void this.pump();
    });
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const { clock, config } = this.o;
    const at = clock.now();
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await this.send(d.url, {
        method: 'POST',
        // Signed at the wall-clock time, whatever clock the runtime runs on: the receiver checks it
        // against its own clock.
        headers: { ...deliveryHeaders(d), [SIGNATURE_HEADER]: signHeader(d.secret, d.body, Date.now()) },
        body: d.body,
        // A redirect is not followed: the subscription's URL is where events go, and a 3xx is a failure.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(config.timeoutMs), this.stop.signal]),
      });
      status = res.status;
      const text = await answerStart(res);
      if (status < 200 || status > 299) error = `answered ${status}${text ? `: ${text}` : ''}`;
    } catch (e) {
      error = this.stop.signal.aborted
        ? 'the runtime stopped before an answer came'
        : whyFailed(e, config.timeoutMs);
    }
    const durationMs = Math.round(performance.now() - started);
    const ok = error === undefined;
    const now = clock.now();
    const next = ok
      ? null
      : this.stop.signal.aborted
        ? now
        : nextAttemptAt(d.attempt, d.createdAt, now, {
            retryWindowMs: config.retryHours * 3_600_000,
            baseMs: this.o.backoffBaseMs,
          });
    try {
      await this.o.outbox.recordAttempt(d.id, { at, status, error, durationMs, ok, nextAttemptAt: next });
    } catch (e) {
      // Unrecorded, the delivery's lease runs out and it is sent again: at least once still holds.
      this.o.logger.error('a webhook attempt could not be recorded', { delivery: d.id, error: String(e) });
    }
    this.o.metrics?.webhookAttempt(ok ? 'delivered' : next === null ? 'dead' : 'failed', durationMs / 1000);
    if (!ok && next === null) {
      this.o.logger.error('webhook delivery is dead after retries', { delivery: d.id, url: d.url, error });
    }
  }
}

/** The first characters of an answer's body, without reading (or holding) more of it. */
async function answerStart(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < ANSWER_SHOWN) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  void reader.cancel().catch(() => {});
  return Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_SHOWN).trim();
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A sentence for a request that got no answer: timeout, refused, reset, bad address. */
function whyFailed(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing listens at that address)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed before an answer';
  if (code === 'ENOTFOUND') return 'the host name does not resolve';
  return `the request failed: ${err.cause?.message ?? err.message ?? String(e)}`;
}
