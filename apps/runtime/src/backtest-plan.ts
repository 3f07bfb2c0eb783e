import {
  type ColumnMapping,
  type FieldCatalogue,
  type PreparedWorkflow,
  suggestMapping,
} from '@qualify/rules';
import { type TimeQuery, timeQueryOf } from './backtest-time.ts';
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
  /** Null: suggested from the upload's columns once they are known (`defaultMapping`). */
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
const MAX_COLUMNS = 1000;

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

const listed = (names: readonly string[]) =>
  names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');

function mappingOf(text: string | undefined, catalogue: FieldCatalogue): ColumnMapping | null {
  if (text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest([{ path: 'mapping', message: 'is not valid JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest([
      { path: 'mapping', message: 'must be a JSON object { "<column>": "<field path>" | null }' },
    ]);
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_COLUMNS) {
    throw invalidRequest([{ path: 'mapping', message: `names more than ${MAX_COLUMNS} columns` }]);
  }
  const known = new Set(catalogue.map((f) => f.path));
  const errors = [];
  // No prototype: a column may be called "__proto__" and must stay an ordinary key.
  const mapping: ColumnMapping = Object.create(null);
  for (const [column, path] of entries) {
    if (path !== null && typeof path !== 'string') {
      errors.push({ path: `mapping.${column}`, message: 'must be a field path or null' });
    } else if (path !== null && !known.has(path)) {
      errors.push({
        path: `mapping.${column}`,
        message: `"${path.slice(0, 100)}" is not a field of this workflow; its fields: ${listed([...known])}`,
      });
    } else mapping[column] = path;
  }
  if (errors.length) throw invalidRequest(errors.slice(0, 50));
  return mapping;
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

/**
 * The mapping when the request gives none: `suggestMapping` over the columns. For NDJSON, whose
 * columns are the first object's keys, a catalogue path left unmapped also reads itself, so leads
 * in the workflow's own shape (nested, or with keys the first line lacks) need no mapping.
 */
export function defaultMapping(
  headers: readonly string[],
  catalogue: FieldCatalogue,
  format: 'csv' | 'ndjson',
): ColumnMapping {
  // suggestMapping writes mapping[header] on a plain object, where "__proto__" would set its prototype.
  const suggested = suggestMapping(
    headers.filter((h) => h !== '__proto__'),
    catalogue,
  );
  const mapping: ColumnMapping = Object.create(null);
  for (const h of headers) mapping[h] = Object.hasOwn(suggested, h) ? (suggested[h] ?? null) : null;
  if (format === 'ndjson') {
    const taken = new Set(Object.values(mapping));
    for (const f of catalogue)
      if (!taken.has(f.path) && !Object.hasOwn(mapping, f.path)) mapping[f.path] = f.path;
  }
  return mapping;
}
