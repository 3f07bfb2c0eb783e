import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, compileSql, type Decision, type FieldCatalogue, prepare } from '@qualify/rules';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLeads } from '../../../rules/bench/lead-generator.ts';
import { catalogueRows, type RowMode } from '../../../rules/src/testing/catalogue-rows.ts';
import { loadDuckDb, openDuckDb } from './duckdb.ts';
import { connectPostgres, loadPostgres } from './postgres.ts';
import { columnsOf, leadOfRow, type Row, rowOf } from './rows.ts';

/**
 * The same workflow scored three ways must decide alike: the runtime's evaluate() on each row as it
 * reads a CSV row, the compiled query in PostgreSQL and in DuckDB. 100,000 generated leads (clean,
 * sparse, dirty) over every example workflow, plus each example's own leads. SQL_DIFF_LEADS sets the
 * total for quicker runs.
 */
const TOTAL = Number(process.env.SQL_DIFF_LEADS ?? 100_000);
const NOW = Date.parse('2026-03-02T09:00:00Z');
const EXAMPLES = join(import.meta.dirname, '../../../../examples');
const MODES: RowMode[] = ['clean', 'sparse', 'dirty'];

interface Case {
  name: string;
  workflow: { fields: FieldCatalogue; nodes: { data?: unknown }[] };
  paths: string[];
  rows: Row[];
}

function casesOf(): Case[] {
  const read = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, `${name}.workflow.json`), 'utf8'));
  // SQL refuses a workflow that counts the leads' events (compile-sql.test.ts says so): not compared.
  const names = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.workflow.json'))
    .map((f) => f.replace('.workflow.json', ''))
    .filter((name) => !compile(read(name)).events);
  // The reference workload takes the largest share, from the benchmark's own generator.
  const share = Math.floor(TOTAL / (names.length + 1));
  const cases = names.map((name) => {
    const workflow = read(name);
    const paths = (workflow.fields as { path: string }[]).map((f) => f.path);
    const own = JSON.parse(readFileSync(join(EXAMPLES, `${name}.leads.json`), 'utf8')) as { lead: unknown }[];
    const rows: Row[] = own.map((c, i) => rowOf(`own-${i}`, c.lead, paths));
    const n = name === 'reference-workload' ? share * 2 : share;
    for (const [m, mode] of MODES.entries()) {
      const count = Math.floor(n / MODES.length);
      const start = rows.length;
      if (name === 'reference-workload') {
        const leads = generateLeads(count, { seed: 7 + m, mode });
        for (const [i, lead] of leads.entries()) rows.push(rowOf(String(start + i), lead, paths));
      } else rows.push(...catalogueRows(workflow, count, { seed: 11 + m, mode, now: NOW, firstId: start }));
    }
    return { name, workflow, paths, rows };
  });
  return [...cases, limited(cases.find((c) => c.name === 'bant-inbound-saas')!)];
}

/**
 * The BANT example with a floor and cap on each score table, the workflow's limits and grade bands,
 * and its score tiers sorting by grade instead (the same exits, so the graph stays whole).
 */
function limited(c: Case): Case {
  const workflow = structuredClone(c.workflow) as Case['workflow'] & Record<string, unknown>;
  const sets = [['A1', 'A2', 'B1'], ['A3', 'B2', 'C1'], ['B3']];
  for (const n of workflow.nodes as { kind?: string; data: Record<string, unknown> }[]) {
    if (n.kind === 'score') Object.assign(n.data, { floor: -5, cap: 35 });
    if (n.kind === 'branch') {
      n.kind = 'grade';
      const tiers = n.data.tiers as { id: string; label: string }[];
      n.data = {
        tiers: tiers.map((t, i) => ({ id: t.id, label: t.label, grades: sets[i] ?? [] })),
        elseLabel: n.data.elseLabel,
      };
    }
  }
  workflow.scoreLimits = {
    fit: { floor: 0, cap: 30 },
    engagement: { floor: 5, cap: null },
    total: { floor: null, cap: 55 },
  };
  workflow.grade = { fit: { A: 25, B: 10 }, engagement: { '1': 30, '2': 15 } };
  return { ...c, name: `${c.name} with floors, limits, a grade and grade tiers`, workflow };
}

/** What must agree: route, stage and scores, and each gate on the path with its criteria. */
function fromRuntime(d: Decision) {
  const gates: Record<string, unknown> = {};
  for (const g of d.gates) {
    gates[`gate.${g.nodeId}`] = g.passed;
    for (const c of g.criteria) gates[`gate.${g.nodeId}.${c.id}`] = c.status;
  }
  return {
    route: d.route ? [d.route.kind, d.route.target, d.route.nodeId] : null,
    stage: d.stage,
    stageKept: d.stageKept,
    score: [d.score.fit, d.score.engagement, d.score.total],
    grade: (d as { grade?: string }).grade ?? null,
    gates,
  };
}

function fromSql(r: Record<string, unknown>) {
  const gates: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (k.startsWith('gate.') && v !== null) gates[k] = v;
  return {
    route: r.route_kind === null ? null : [r.route_kind, r.route_target, r.route_step],
    stage: r.stage,
    stageKept: r.stage_kept,
    score: [Number(r.fit), Number(r.engagement), Number(r.total)],
    grade: r.grade ?? null,
    gates,
  };
}

/** Disagreements between the runtime and one engine's rows, the first few spelled out. */
function compare(c: Case, sqlRows: Record<string, unknown>[]): string[] {
  const workflow = prepare(compile(c.workflow));
  const byId = new Map(c.rows.map((r) => [r[0]!, r]));
  const out: string[] = [];
  let count = 0;
  for (const r of sqlRows) {
    const row = byId.get(String(r.lead_id))!;
    const lead = leadOfRow(row, c.paths);
    const want = fromRuntime(workflow.evaluate(lead, { now: NOW }));
    const got = fromSql(r);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      count++;
      if (out.length < 5)
        out.push(
          `${JSON.stringify(lead)}\n  runtime ${JSON.stringify(want)}\n  sql     ${JSON.stringify(got)}`,
        );
    }
  }
  if (sqlRows.length !== c.rows.length) out.push(`${sqlRows.length} rows for ${c.rows.length} leads`);
  return count ? [`${count} disagreements`, ...out] : out;
}

const cases = casesOf();

describe('SQL and the runtime decide alike: DuckDB', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.rows.length} leads`, async () => {
      const db = await openDuckDb();
      try {
        await loadDuckDb(db.connection, 'leads', columnsOf(c.paths), c.rows);
        const query = compileSql(c.workflow, { dialect: 'duckdb', table: 'leads', idColumn: 'id' });
        const reader = await db.connection.runAndReadAll(query.sql, query.params.length ? [NOW] : []);
        expect(compare(c, reader.getRowObjectsJS() as Record<string, unknown>[])).toEqual([]);
      } finally {
        db.close();
      }
    }, 120_000);
  }
});

const server = await connectPostgres(process.env.DATABASE_URL);
if (typeof server === 'string') console.log(`The PostgreSQL differential tests did not run: ${server}.`);

describe.skipIf(typeof server === 'string')('SQL and the runtime decide alike: PostgreSQL', () => {
  const client = server as pg.Client;
  const schema = `sql_diff_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  beforeAll(() => client.query(`CREATE SCHEMA ${schema}`));
  afterAll(async () => {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  });
  for (const [i, c] of cases.entries()) {
    it(`${c.name}: ${c.rows.length} leads`, async () => {
      const table = `${schema}.leads_${i}`;
      await loadPostgres(client, table, columnsOf(c.paths), c.rows);
      const query = compileSql(c.workflow, { dialect: 'postgres', table, idColumn: 'id' });
      const result = await client.query(query.sql, query.params.length ? [NOW] : []);
      expect(compare(c, result.rows)).toEqual([]);
    }, 120_000);
  }
});
