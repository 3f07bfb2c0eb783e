import { compile, WorkflowInvalidError } from '../compile/compile-workflow.ts';
import { type EvaluateOptions, type PreparedWorkflow, prepare } from '../evaluate/prepare.ts';
import type { BacktestRow } from './backtest.ts';

export interface SweepPoint {
  threshold: number;
  /** Leads routed to sales with this threshold, and how many of them converted. */
  salesLeads: number;
  salesConverted: number;
  salesRate: number;
  /** Share of all converted leads that went to sales. */
  recall: number;
  /** Why this threshold cannot be used (e.g. it would put tiers out of order), else null. */
  invalid: string | null;
}

export interface SweepTarget {
  nodeId: string;
  tierId: string;
  thresholds: number[];
}

/**
 * Moves one tier threshold of a score-tiers node over `thresholds` and counts, row by row, the
 * sales-routed volume and its conversion for each value (the what-if of a threshold change). Each
 * variant is compiled once; rows are streamed through `add`.
 */
export class ThresholdSweep {
  private readonly variants: { point: SweepPoint; prepared: PreparedWorkflow | null }[];
  private converted = 0;

  constructor(
    workflow: { nodes: { id: string; kind: string; data: unknown }[] },
    target: SweepTarget,
    private readonly options: EvaluateOptions = {},
  ) {
    const node = workflow.nodes.find((n) => n.id === target.nodeId && n.kind === 'branch');
    const tiers = (node?.data as { tiers?: { id: string }[] } | undefined)?.tiers;
    if (!tiers?.some((t) => t.id === target.tierId)) {
      throw new WorkflowInvalidError([
        {
          code: 'unknown_tier',
          severity: 'error',
          message: `There is no tier "${target.tierId}" on a score-tiers node "${target.nodeId}".`,
        },
      ]);
    }
    this.variants = target.thresholds.map((threshold) => {
      const copy = structuredClone(workflow);
      const data = copy.nodes.find((n) => n.id === target.nodeId)!.data as {
        tiers: { id: string; min: number }[];
      };
      data.tiers.find((t) => t.id === target.tierId)!.min = threshold;
      const point = {
        threshold,
        salesLeads: 0,
        salesConverted: 0,
        salesRate: 0,
        recall: 0,
        invalid: null as string | null,
      };
      try {
        return { point, prepared: prepare(compile(copy)) };
      } catch (e) {
        point.invalid = e instanceof WorkflowInvalidError ? (e.issues[0]?.message ?? e.message) : String(e);
        return { point, prepared: null };
      }
    });
  }

  /** Counts one row, evaluated at its own `now` when it has one (as `Backtest.add` does). */
  add(row: BacktestRow): void {
    if (row.converted) this.converted++;
    const options = row.now === undefined ? this.options : { ...this.options, now: row.now };
    for (const { point, prepared } of this.variants) {
      if (prepared?.decide(row.lead, options).route?.kind !== 'sales') continue;
      point.salesLeads++;
      if (row.converted) point.salesConverted++;
    }
  }

  result(): SweepPoint[] {
    return this.variants.map(({ point }) => ({
      ...point,
      salesRate: point.salesLeads ? point.salesConverted / point.salesLeads : 0,
      recall: this.converted ? point.salesConverted / this.converted : 0,
    }));
  }
}

/** `ThresholdSweep` over rows already in memory. */
export function sweepThreshold(
  workflow: { nodes: { id: string; kind: string; data: unknown }[] },
  target: SweepTarget,
  rows: readonly BacktestRow[],
  options: EvaluateOptions = {},
): SweepPoint[] {
  const sweep = new ThresholdSweep(workflow, target, options);
  for (const row of rows) sweep.add(row);
  return sweep.result();
}
