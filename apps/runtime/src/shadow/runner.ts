import { compile, type Outcome, type PreparedWorkflow, prepare, type Stage } from '@qualify/rules';
import type { Evaluated } from '../evaluator.ts';
import type { Logger } from '../logger.ts';
import type { Store, WorkflowRow } from '../store.ts';
import type { ChallengerRow, ShadowSide } from './types.ts';

/** One live evaluation offered to the challenger: what it needs to decide the same lead the same way. */
export interface ShadowOffer {
  /** The workflow as the live evaluation read it (its challenger, its live version). */
  row: WorkflowRow;
  /** The live evaluation. */
  e: Evaluated;
  lead: Record<string, unknown>;
  /** The time the rules saw. */
  at: number;
  /** The stored stage the live rules were given. */
  currentStage: Stage | undefined;
  /** The live decision's log time. */
  loggedAt: number;
}

type Job = Omit<ShadowOffer, 'row'> & { challenger: ChallengerRow };

export interface ShadowRunnerOptions {
  store: Store;
  logger: Logger;
  /** Jobs waiting at most; past it, offers are dropped and counted. Default 10,000. */
  capacity?: number;
  /** Jobs run in one turn of the event loop before yielding to requests. Default 200. */
  perTurn?: number;
}

const sideOf = (o: Pick<Outcome, 'route' | 'stage' | 'score'>): ShadowSide => ({
  route: o.route?.kind ?? null,
  target: o.route?.target ?? null,
  stage: o.stage,
  score: o.score.total,
  fit: o.score.fit,
  engagement: o.score.engagement,
});

/**
 * Shadow runs: each live evaluation of a workflow with a challenger is offered here after its answer
 * is built, queued in memory, and evaluated later on `setImmediate` with the challenger's workflow,
 * the same lead, time and stored stage. Only the rules run: no hand-off, no decision logged, no
 * outbox; the pair goes to the shadow log. A full queue drops the offer (counted), so the live answer
 * never waits for the challenger.
 */
export class ShadowRunner {
  private queue: (Job | undefined)[] = [];
  private head = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  private readonly prepared = new WeakMap<ChallengerRow, PreparedWorkflow | null>();
  private readonly capacity: number;
  private readonly perTurn: number;
  private stopped = false;
  /** Offers left out because the queue was full or the shadow log refused them. */
  dropped = 0;

  constructor(private readonly o: ShadowRunnerOptions) {
    this.capacity = o.capacity ?? 10_000;
    this.perTurn = o.perTurn ?? 200;
  }

  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** Queues `o` when its row has a challenger and `o.e` was decided by the live version. */
  offer(o: ShadowOffer): void {
    const challenger = o.row.challenger;
    if (!challenger || o.e.version !== o.row.liveVersion || this.stopped) return;
    if (this.waiting >= this.capacity) {
      this.dropped++;
      return;
    }
    this.queue.push({
      challenger,
      e: o.e,
      lead: o.lead,
      at: o.at,
      currentStage: o.currentStage,
      loggedAt: o.loggedAt,
    });
    this.schedule();
  }

  /**
   * Drops the queued jobs of these lead ids (their lead is being erased): run later, they would log
   * the lead again. Answers how many were dropped.
   */
  forget(leadIds: ReadonlySet<string>): number {
    let dropped = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const leadId = this.queue[i]?.e.leadId;
      if (leadId != null && leadIds.has(leadId)) {
        this.queue[i] = undefined;
        dropped++;
      }
    }
    return dropped;
  }

  /** Resolves once every job offered so far has run. */
  idle(): Promise<void> {
    if (this.waiting === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Refuses new offers and runs what is queued (at shutdown, before the store closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain() {
    const end = Math.min(this.queue.length, this.head + this.perTurn);
    for (; this.head < end; this.head++) {
      const job = this.queue[this.head];
      this.queue[this.head] = undefined;
      if (job) this.run(job);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      this.scheduled = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    } else setImmediate(() => this.drain());
  }

  private run(job: Job) {
    const prepared = this.preparedFor(job.challenger, job.e.workflowId);
    if (!prepared) return;
    const options =
      job.currentStage === undefined ? { now: job.at } : { now: job.at, currentStage: job.currentStage };
    let outcome: Outcome;
    try {
      outcome = prepared.decide(job.lead, options);
    } catch (error) {
      this.o.logger.error('shadow evaluation failed', {
        workflow: job.e.workflowId,
        challenger: job.challenger.id,
        decisionId: job.e.decisionId,
        error: String(error),
      });
      return;
    }
    const logged = this.o.store.appendShadow({
      challengerId: job.challenger.id,
      workflowId: job.e.workflowId,
      decisionId: job.e.decisionId,
      liveVersion: job.e.version,
      at: new Date(job.loggedAt).toISOString(),
      leadId: job.e.leadId,
      live: sideOf(job.e.outcome),
      challenger: sideOf(outcome),
    });
    if (!logged) this.dropped++;
  }

  /** The challenger's workflow, compiled once; null (logged once) when it no longer compiles. */
  private preparedFor(c: ChallengerRow, workflowId: string): PreparedWorkflow | null {
    let p = this.prepared.get(c);
    if (p === undefined) {
      try {
        p = prepare(compile(c.workflow));
      } catch (error) {
        this.o.logger.error('the challenger does not compile; its shadow run is skipped', {
          workflow: workflowId,
          challenger: c.id,
          error: String(error),
        });
        p = null;
      }
      this.prepared.set(c, p);
    }
    return p;
  }
}
