import type { EvaluateOptions, PreparedWorkflow } from '../evaluate/prepare.ts';
import { MetricsAccumulator, type VersionMetrics } from './metrics.ts';

/** One historical lead: its line in the upload, the lead and whether it converted. */
export interface BacktestRow {
  line: number;
  lead: unknown;
  converted: boolean;
  /** When the lead is evaluated (epoch ms): its own time in the history; default the options' `now`. */
  now?: number;
}

/** Leads that one version routes differently from the other, counted per (from → to). */
export interface RouteChange {
  from: string;
  to: string;
  count: number;
  /** Upload line numbers, the first `maxLinesPerChange` of them. */
  lines: number[];
}

export interface BacktestResult {
  versions: VersionMetrics[];
  /** Between the first version (e.g. live) and the second (e.g. the draft), when there are two. */
  changes: RouteChange[];
}

export interface BacktestOptions extends EvaluateOptions {
  /** Width of the score bands of the histogram; default 10 points. */
  bandSize?: number;
  maxLinesPerChange?: number;
}

const routeLabel = (o: ReturnType<PreparedWorkflow['decide']>) =>
  o.route ? `${o.route.label || o.route.kind} (${o.route.kind})` : 'no route';

/**
 * Runs historical leads through one or two versions of a workflow, row by row, and sums up what each
 * version did: leads and conversion per route, stage and score band, lift, recall and precision,
 * and which leads changed route between the two.
 * @example const bt = new Backtest([{ name: 'live', workflow: live }, { name: 'draft', workflow: draft }]);
 *          for (const row of rows) bt.add(row); bt.result();
 */
export class Backtest {
  private readonly metrics: MetricsAccumulator[];
  private readonly changes = new Map<string, RouteChange>();
  private readonly options: BacktestOptions;

  constructor(
    private readonly versions: { name: string; workflow: PreparedWorkflow }[],
    options: BacktestOptions = {},
  ) {
    this.options = options;
    this.metrics = versions.map((v) => new MetricsAccumulator(v.name, options.bandSize ?? 10));
  }

  /** Adds one row; answers each version's outcome (for per-row output). */
  add(row: BacktestRow): ReturnType<PreparedWorkflow['decide']>[] {
    const options = row.now === undefined ? this.options : { ...this.options, now: row.now };
    const outcomes = this.versions.map((v) => v.workflow.decide(row.lead, options));
    for (const [i, o] of outcomes.entries()) this.metrics[i]!.add(o, row.converted);
    const [a, b] = outcomes;
    if (a && b && a.route?.nodeId !== b.route?.nodeId) {
      const from = routeLabel(a);
      const to = routeLabel(b);
      const key = `${from}\u0000${to}`;
      const change = this.changes.get(key) ?? { from, to, count: 0, lines: [] };
      change.count++;
      if (change.lines.length < (this.options.maxLinesPerChange ?? 1000)) change.lines.push(row.line);
      this.changes.set(key, change);
    }
    return outcomes;
  }

  result(): BacktestResult {
    return {
      versions: this.metrics.map((m) => m.result()),
      changes: [...this.changes.values()].sort((x, y) => y.count - x.count),
    };
  }
}
