import type { ColumnMapping, FieldCatalogue, PreparedWorkflow } from '@qualify/rules';
import { type TimeQuery, timeQueryOf } from './backtest-time.ts';
import { parseMapping as mappingOf } from './batch/mapping.ts';
import type { Ctx } from './context.ts';
import { invalidRequest, ProblemError, versionNotFound } from './problem.ts';
import { mustFind } from './routes/workflows.ts';
import { BacktestQuery, type Draft } from './schemas.ts';
import type { WorkflowRow } from './store.ts';
import { parseWith } from './validation.ts';

/** A version taking part: its name in the answer ("live v1", "draft", "v2"), document and evaluator. */
export interface PlanVersion {
  name: string;
  workflow: Draft;
  prepared: PreparedWorkflow;
}

export interface SweepPlan {
  nodeId: string;
  tierId: string;
  current: number;
  thresholds: number[];
}

/** Everything a backtest request asks for, checked before a byte of the upload is read. */
export interface BacktestPlan {
  workflowId: string;
  outcome: string;
  /** What the request's mapping says; it adjusts the suggestion once the columns are known (`resolveMapping`). */
  mapping: ColumnMapping | null;
  versions: PlanVersion[];
  /** The fields of every version taking part, each path once. */
  catalogue: FieldCatalogue;
  /** When rows are evaluated, as the query asks; settled once the columns are known (`planTime`). */
  time: TimeQuery;
  sweep: SweepPlan | null;
  rows: boolean;
}

const MAX_THRESHOLDS = 50;

function versionsOf(ctx: Ctx, row: WorkflowRow, spec: string | undefined): PlanVersion[] {
  const names = spec ? spec.split(',') : row.liveVersion === null ? ['draft'] : ['live', 'draft'];
  return names.map((name) => {
    // Throws WorkflowInvalidError (422 workflow_invalid) when the draft has errors.
    if (name === 'draft') return { name, workflow: row.draft, prepared: ctx.drafts.get(row) };
    const n = name === 'live' ? row.liveVersion : Number(name.slice(1));
    if (n === null) {
      throw new ProblemError(
        404,
        'version_not_found',
        `Workflow "${row.id}" has no live version yet; backtest the draft alone (versions=draft) or publish first.`,
      );
    }
    const prepared = ctx.prepared.get(row, n);
    if (!prepared) throw versionNotFound(row.id, n);
    return { name: name === 'live' ? `live v${n}` : name, workflow: row.versions[n - 1]!.workflow, prepared };
  });
}

function catalogueOf(versions: PlanVersion[]): FieldCatalogue {
  const byPath = new Map<string, FieldCatalogue[number]>();
  for (const v of versions) {
    for (const f of v.workflow.fields as FieldCatalogue) if (!byPath.has(f.path)) byPath.set(f.path, f);
  }
  return [...byPath.values()];
}

interface TiersData {
  tiers?: { id?: unknown; min?: unknown }[];
}

function sweepOf(
  spec: string | undefined,
  thresholds: string | undefined,
  last: PlanVersion,
): SweepPlan | null {
  if (!spec) {
    if (thresholds !== undefined) throw invalidRequest([{ path: 'thresholds', message: 'needs sweep' }]);
    return null;
  }
  const [nodeId, tierId] = spec.split(':') as [string, string];
  const nodes = last.workflow.nodes as { id?: unknown; kind?: unknown; data?: TiersData }[];
  const node = nodes.find((n) => n?.id === nodeId && n.kind === 'branch');
  const tier = node?.data?.tiers?.find((t) => t?.id === tierId);
  if (typeof tier?.min !== 'number') {
    throw invalidRequest([
      { path: 'sweep', message: `${last.name} has no tier "${tierId}" on a score-tiers node "${nodeId}"` },
    ]);
  }
  const current = tier.min;
  if (thresholds === undefined) {
    return {
      nodeId,
      tierId,
      current,
      thresholds: Array.from({ length: 13 }, (_, i) => current - 30 + 5 * i),
    };
  }
  const values = thresholds.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
  if (values.length > MAX_THRESHOLDS || values.some((v) => !Number.isFinite(v))) {
    throw invalidRequest([
      { path: 'thresholds', message: `must be 1 to ${MAX_THRESHOLDS} comma-separated numbers` },
    ]);
  }
  return { nodeId, tierId, current, thresholds: values };
}

/** Reads and checks the query of POST /v1/workflows/{id}/backtest (docs/api-contract.md). */
export function planBacktest(ctx: Ctx, id: string, query: Record<string, string>): BacktestPlan {
  const q = parseWith(BacktestQuery, query);
  const row = mustFind(ctx, id);
  const versions = versionsOf(ctx, row, q.versions);
  const catalogue = catalogueOf(versions);
  return {
    workflowId: row.id,
    outcome: q.outcome,
    mapping: mappingOf(q.mapping, catalogue),
    versions,
    catalogue,
    time: timeQueryOf(q),
    sweep: sweepOf(q.sweep, q.thresholds, versions.at(-1)!),
    rows: q.rows === 'true',
  };
}
