import { compile, WorkflowInvalidError } from '../compile/compile-workflow.ts';
import { type EvaluateOptions, prepare } from '../evaluate/prepare.ts';
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
 * Moves one tier threshold of a score-tiers node over `thresholds` and reports, for each value, the
 * sales-routed volume and its conversion on the historical rows (the what-if of a threshold change).
 */
export function sweepThreshold(
  workflow: { nodes: { id: string; kind: string; data: unknown }[] },
  target: SweepTarget,
  rows: readonly BacktestRow[],
  options: EvaluateOptions = {},
): SweepPoint[] {
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
  const convertedTotal = rows.reduce((n, r) => n + (r.converted ? 1 : 0), 0);
  return target.thresholds.map((threshold) => {
    const copy = structuredClone(workflow);
    const tier = (
      copy.nodes.find((n) => n.id === target.nodeId)!.data as { tiers: { id: string; min: number }[] }
    ).tiers.find((t) => t.id === target.tierId)!;
    tier.min = threshold;
    const point = {
      threshold,
      salesLeads: 0,
      salesConverted: 0,
      salesRate: 0,
      recall: 0,
      invalid: null as string | null,
    };
    let prepared: ReturnType<typeof prepare>;
    try {
      prepared = prepare(compile(copy));
    } catch (e) {
      point.invalid = e instanceof WorkflowInvalidError ? (e.issues[0]?.message ?? e.message) : String(e);
      return point;
    }
    for (const row of rows) {
      if (prepared.decide(row.lead, options).route?.kind !== 'sales') continue;
      point.salesLeads++;
      if (row.converted) point.salesConverted++;
    }
    point.salesRate = point.salesLeads ? point.salesConverted / point.salesLeads : 0;
    point.recall = convertedTotal ? point.salesConverted / convertedTotal : 0;
    return point;
  });
}
