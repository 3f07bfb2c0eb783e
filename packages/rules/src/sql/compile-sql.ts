import { artifactField } from '../compile/artifact.ts';
import { limitsOf, WorkflowInvalidError } from '../compile/compile-workflow.ts';
import { scopeOf } from '../conditions/scope.ts';
import { DEFAULT_STAGE } from '../model/stages.ts';
import type { SqlContext, SqlStep } from '../nodes/kind.ts';
import { analyze } from '../validate/analyze.ts';
import { conditionSql } from './condition-sql.ts';
import { DIALECTS, type SqlDialectName } from './dialect.ts';
import { gradeSql } from './grade-sql.ts';
import {
  auxSql,
  type FieldColumns,
  lowerSql,
  SqlRefusedError,
  stageOfSql,
  trimSql,
  valueSql,
} from './normalize-sql.ts';
import { stageRuleSql } from './stage-sql.ts';

export interface SqlOptions {
  dialect: SqlDialectName;
  /** The leads table (or view), as SQL names it: `leads`, `crm.leads`; quoted by the caller when needed. */
  table: string;
  /** Column per field path where it differs from the default (`company.size` → `company_size`); null: none. */
  columns?: Record<string, string | null>;
  /**
   * The column holding the lead's id; default: the catalogue's lead-id field's column, else `id`. Null:
   * the row's number in the table's order (1 for the first), for files without an id.
   */
  idColumn?: string | null;
  /** The evaluation time (epoch ms) as a literal; without it the query takes it as parameter $1. */
  now?: number;
}

export interface CompiledSql {
  sql: string;
  /** The query's parameters in order: `now` (epoch milliseconds) when it reads the time and none was given. */
  params: 'now'[];
  /** The columns of each decision row, in order. */
  columns: string[];
}

/** The column a field is read from when the mapping does not say: the path with `_` for `.`. */
export const defaultColumn = (path: string) => path.replaceAll('.', '_');

/** The decision columns every query returns before the steps' own (gate results). */
export const DECISION_COLUMNS = [
  'lead_id',
  'route_kind',
  'route_target',
  'route_step',
  'stage',
  'prior_stage',
  'stage_kept',
  'fit',
  'engagement',
  'total',
] as const;

/** Nodes reachable from `start`, each after every node that leads to it (a DAG: validation refuses loops). */
function topological(start: string, next: Map<string, Record<string, string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    for (const to of Object.values(next.get(id) ?? {})) visit(to);
    order.push(id);
  };
  visit(start);
  return order.reverse();
}

/**
 * Compiles a workflow (what `compile` takes) to ONE query over a leads table that returns, per lead,
 * the decision the runtime's `decide()` makes: route, stage, scores and each gate's result on the path.
 * The query normalises each field as the runtime does (a column read as text, as a CSV cell), computes
 * each step's values once, then walks the steps in an order where every step comes after those that
 * lead to it: one CASE a step moves the lead on. Anything SQL cannot compute exactly as the runtime does
 * throws SqlRefusedError naming the step; a workflow with errors throws WorkflowInvalidError.
 */
export function compileSql(workflow: unknown, options: SqlOptions): CompiledSql {
  const { issues, workflow: wf, nodes } = analyze(workflow);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length || !wf) throw new WorkflowInvalidError(errors);
  const sql = DIALECTS[options.dialect];
  const q = sql.quote;
  const fields = wf.fields.map((f) => artifactField(f, wf.missingValues));
  const next = new Map<string, Record<string, string>>();
  for (const e of wf.edges) next.set(e.from, { ...next.get(e.from), [e.port]: e.to });
  const order = topological(wf.nodes.find((n) => n.kind === 'start')!.id, next);
  const index = new Map(order.map((id, i) => [id, i]));
  const now = sql.now(options.now);
  const scoreLimits = limitsOf(wf.scoreLimits);

  const v = (i: number) => `v${i}`;
  const fieldIndex = new Map(fields.map((f, i) => [f.path, i]));
  const column = (path: string) => {
    const i = fieldIndex.get(path);
    if (i === undefined) throw new Error(`"${path}" is not a field; validate the workflow first`);
    return v(i);
  };
  const facts: { expr: string; level: number }[] = [];
  const reports: { name: string; expr: string; step: number }[] = [];
  const steps: SqlStep[] = order.map((id, k) => {
    const { node, kind, data } = nodes.get(id)!;
    const where = `step "${id}" (${kind.kind})`;
    if (!kind.sql) throw new SqlRefusedError(`${where}: this kind of step has no SQL form.`);
    const ctx: SqlContext = {
      fields: wf.fields,
      ...scopeOf(wf),
      nodeId: id,
      label: node.label || kind.title,
      condition: (c) => conditionSql(c, { fields: wf.fields, sql, column, now, where }),
      field: column,
      fact: (expr) => {
        // A fact may read earlier facts (a gate's pass reads its criteria): it goes a layer after them.
        const reads = [...expr.matchAll(/\bk(\d+)\b/g)].map((m) => facts[Number(m[1])]!.level);
        facts.push({ expr, level: Math.max(-1, ...reads) + 1 });
        return `k${facts.length - 1}`;
      },
      score: { total: 'st_total', fit: 'st_fit', engagement: 'st_engagement' },
      now,
      sql,
      report: (name, expr) => reports.push({ name, expr, step: k }),
      ...(scoreLimits ? { scoreLimits } : {}),
    };
    try {
      return kind.sql(data, ctx);
    } catch (e) {
      if (e instanceof SqlRefusedError && !e.message.startsWith('step '))
        throw new SqlRefusedError(`${where}: ${e.message}`);
      throw e;
    }
  });

  // The normalising layers: raw text, trimmed, folded and per-type work, the value.
  const cols = fields.map((_, i): FieldColumns => ({ x: `x${i}`, t: `t${i}`, f: `f${i}`, aux: `a${i}` }));
  const mapped = (path: string) =>
    options.columns && Object.hasOwn(options.columns, path) ? options.columns[path]! : defaultColumn(path);
  const idField = wf.fields.find((f) => f.leadId);
  const idColumn =
    options.idColumn === undefined ? ((idField ? mapped(idField.path) : null) ?? 'id') : options.idColumn;
  const id = idColumn === null ? sql.asText('row_number() OVER ()') : sql.asText(q(idColumn));
  const raw = fields.map((f, i) => {
    const name = mapped(f.path);
    return `${name === null ? 'CAST(NULL AS text)' : sql.asText(q(name))} AS x${i}`;
  });
  const list = (names: string[]) => ['lead_id', ...names].join(', ');
  const layers: string[] = [];
  layers.push(`SELECT ${id} AS lead_id${raw.map((r) => `, ${r}`).join('')} FROM ${options.table}`);
  layers.push(
    `SELECT ${list(cols.flatMap((c) => [c.x, `${trimSql(sql, c.x)} AS ${c.t}`]))} FROM l0${sql.fence}`,
  );
  layers.push(
    `SELECT ${list(
      cols.flatMap((c, i) => {
        const aux = auxSql(sql, fields[i]!, c);
        return [c.x, c.t, `${lowerSql(sql, c.t)} AS ${c.f}`, ...(aux ? [`${aux} AS ${c.aux}`] : [])];
      }),
    )} FROM l1${sql.fence}`,
  );
  const values = fields.map((_, i) => v(i));
  layers.push(
    `SELECT ${list(fields.map((f, i) => `${valueSql(sql, f, cols[i]!)} AS ${v(i)}`))} FROM l2${sql.fence}`,
  );
  const factCols = facts.map((_, j) => `k${j}`);
  const levels = Math.max(0, ...facts.map((f) => f.level + 1));
  for (let level = 0; level < levels; level++) {
    const known = facts.flatMap((f, j) => (f.level < level ? [`k${j}`] : []));
    const added = facts.flatMap((f, j) => (f.level === level ? [`${f.expr} AS k${j}`] : []));
    layers.push(`SELECT ${list([...values, ...known, ...added])} FROM l${layers.length - 1}${sql.fence}`);
  }

  // The walk: the step each lead is at, its scores, stage and route so far, and the steps it passed.
  const reported = [...new Set(reports.map((r) => r.step))];
  const zero = sql.num(0);
  const state: Record<string, string> = {
    st_at: String(index.get(order[0]!)),
    st_fit: zero,
    st_engagement: zero,
    st_total: zero,
    st_stage: sql.text(DEFAULT_STAGE),
    st_route: '-1',
    ...Object.fromEntries(reported.map((k) => [`p${k}`, 'FALSE'])),
  };
  const carry = [...values, ...factCols];
  layers.push(
    `SELECT ${list([...carry, ...Object.entries(state).map(([n, e]) => `${e} AS ${n}`)])} FROM l${layers.length - 1}`,
  );
  steps.forEach((step, k) => {
    const here = `st_at = ${k}`;
    const set: Record<string, string> = {};
    const ports = next.get(order[k]!) ?? {};
    const to = (port: string) => String(Object.hasOwn(ports, port) ? index.get(ports[port]!) : -1);
    const arms = step.exits.map((e) => (e.when ? `WHEN ${e.when} THEN ${to(e.port)}` : `ELSE ${to(e.port)}`));
    const otherwise = step.exits.find((e) => !e.when);
    if (!step.exits.length) set.st_at = '-1';
    else if (step.exits.length === 1 && otherwise) set.st_at = to(otherwise.port);
    else set.st_at = `CASE ${arms.join(' ')}${otherwise ? '' : ' ELSE -1'} END`;
    for (const [name, expr] of Object.entries(step.scores ?? {})) set[`st_${name}`] = expr;
    if (step.stage) set.st_stage = sql.text(step.stage);
    if (step.route) set.st_route = String(k);
    if (reported.includes(k)) set[`p${k}`] = 'TRUE';
    const out = Object.keys(state).map((n) =>
      set[n] ? `CASE WHEN ${here} THEN ${set[n]} ELSE ${n} END AS ${n}` : n,
    );
    layers.push(`SELECT ${list([...carry, ...out])} FROM l${layers.length - 1}${sql.fence}`);
  });

  // The decision: the route's kind and target, the stage after "stages only move forward", the reports.
  const routes = steps.flatMap((s, k) => (s.route ? [{ k, ...s.route }] : []));
  const byRoute = (pick: (r: (typeof routes)[number]) => string | undefined) => {
    const arms = routes.flatMap((r) => {
      const value = pick(r);
      return value === undefined ? [] : [`WHEN ${r.k} THEN ${sql.text(value)}`];
    });
    return arms.length ? `CASE st_route ${arms.join(' ')} END` : 'CAST(NULL AS text)';
  };
  const stageField = fields.findIndex((f) => f.currentStage);
  const prior = stageField < 0 ? 'CAST(NULL AS text)' : stageOfSql(sql, fields[stageField]!, v(stageField));
  const rule = stageRuleSql(
    sql,
    'st_stage',
    'prior',
    byRoute((r) => r.recycle),
  );
  const decision = [
    'lead_id',
    `${byRoute((r) => r.kind)} AS route_kind`,
    `${byRoute((r) => r.target)} AS route_target`,
    `${byRoute((r) => order[r.k])} AS route_step`,
    `${rule.stage} AS stage`,
    'prior AS prior_stage',
    `${rule.kept} AS stage_kept`,
    'st_fit AS fit',
    'st_engagement AS engagement',
    'st_total AS total',
    ...(wf.grade ? [`${gradeSql(wf.grade, 'st_fit', 'st_engagement', sql)} AS grade`] : []),
    ...reports.map((r) => `CASE WHEN p${r.step} THEN ${r.expr} END AS ${q(r.name)}`),
  ];
  layers.push(`SELECT *, ${prior} AS prior FROM l${layers.length - 1}`);
  const ctes = layers.map((body, i) => `l${i} AS (${body})`).join(',\n');
  const text = `WITH ${ctes}\nSELECT ${decision.join(', ')} FROM l${layers.length - 1}`;
  return {
    sql: text,
    // Only a workflow that reads dates or decays points reads the time.
    params: options.now === undefined && text.includes(now) ? ['now'] : [],
    columns: [...DECISION_COLUMNS, ...(wf.grade ? ['grade'] : []), ...reports.map((r) => r.name)],
  };
}
