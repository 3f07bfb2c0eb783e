import { type BacktestRow, type SweepPoint, sweepThreshold } from '@qualify/rules';
import type { SweepPlan } from './backtest-plan.ts';

/** Rows held at a time: each flush compiles one variant per threshold (~3 ms each), so not too few. */
const CHUNK = 5000;

type SweepWorkflow = Parameters<typeof sweepThreshold>[0];

/**
 * `sweepThreshold` over a stream: rows are swept a chunk at a time and the counts summed, so a sweep
 * holds at most CHUNK rows instead of the whole upload. The rates are recomputed from the sums the
 * way `sweepThreshold` computes them.
 */
export class ChunkedSweep {
  private rows: BacktestRow[] = [];
  private points: SweepPoint[] | null = null;
  private converted = 0;

  constructor(
    private readonly workflow: SweepWorkflow,
    private readonly plan: SweepPlan,
    private readonly now: number,
  ) {}

  add(row: BacktestRow): void {
    this.rows.push(row);
    if (row.converted) this.converted++;
    if (this.rows.length >= CHUNK) this.flush();
  }

  private flush(): void {
    const { nodeId, tierId, thresholds } = this.plan;
    const chunk = sweepThreshold(this.workflow, { nodeId, tierId, thresholds }, this.rows, { now: this.now });
    this.rows = [];
    if (!this.points) this.points = chunk;
    else
      chunk.forEach((p, i) => {
        this.points![i]!.salesLeads += p.salesLeads;
        this.points![i]!.salesConverted += p.salesConverted;
      });
  }

  result(): { nodeId: string; tierId: string; current: number; points: SweepPoint[] } {
    if (this.rows.length || !this.points) this.flush();
    const points = this.points!.map((p) => ({
      ...p,
      salesRate: p.salesLeads ? p.salesConverted / p.salesLeads : 0,
      recall: this.converted ? p.salesConverted / this.converted : 0,
    }));
    const { nodeId, tierId, current } = this.plan;
    return { nodeId, tierId, current, points };
  }
}
