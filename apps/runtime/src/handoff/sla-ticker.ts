import type { Clock } from '../clock.ts';
import type { DeliveryWaker } from '../context.ts';
import type { Logger } from '../logger.ts';
import type { HandoffStore, SlaTickResult } from './types.ts';

/** What the ticker needs of the hand-off store: the one call that moves SLA timers on. */
export type SlaTicking = Pick<HandoffStore, 'tickSla'>;

export interface SlaTickerOptions {
  store: SlaTicking;
  clock: Clock;
  logger: Logger;
  /** SLA_TICK_MS. */
  everyMs: number;
  /** Woken after a tick that queued deliveries (due soon, breached, escalated). */
  deliverer?: DeliveryWaker;
}

/**
 * The SLA clock's background component: every `everyMs` it asks the store to apply the due-soon
 * warnings, breaches and escalation steps due by the injected clock's time. Ticks never overlap (a
 * slow one makes the next wait), a failed one is logged and the next tries again, and its timer does
 * not keep the process alive. Tests call `tick()` after moving their clock instead of waiting.
 */
export class SlaTicker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** Ticks that failed, for /metrics. */
  failures = 0;

  constructor(private readonly o: SlaTickerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a tick in progress, so the store can close after it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look at the clock; resolves with what it applied, or null when it failed (logged). */
  tick(): Promise<SlaTickResult | null> {
    const next = this.running.then(() => this.once());
    this.running = next;
    return next;
  }

  private async once() {
    try {
      const done = await this.o.store.tickSla(this.o.clock.now());
      if (done.dueSoon + done.breached + done.escalated > 0) this.o.logger.info('SLA clock', { ...done });
      if (done.deliveries > 0) this.o.deliverer?.wake();
      return done;
    } catch (e) {
      this.failures++;
      this.o.logger.error('SLA clock tick failed; the next tick tries again', {
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
      return null;
    }
  }
}
