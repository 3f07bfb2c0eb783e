import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { compileSql } from '@qualify/rules';
import { generateLeads } from '../../rules/bench/lead-generator.ts';
import { loadDuckDb, openDuckDb } from '../src/sql/duckdb.ts';
import { connectPostgres, loadPostgres } from '../src/sql/postgres.ts';
import { columnsOf, rowOf } from '../src/sql/rows.ts';

/**
 * The reference workload's leads scored three ways, in one run on one machine: inside PostgreSQL and
 * inside DuckDB (the compiled query, decisions written to a table), and through the runtime's batch
 * endpoint (NDJSON, 1,000 leads a request, 4 in flight, view=summary; the runtime in a child process).
 * Loading the leads is not timed. `npm run bench:sql -w @qualify/cli -- 10000000`; DATABASE_URL for
 * PostgreSQL (skipped without a server).
 */
const N = Number(process.argv[2] ?? 1_000_000);
const NOW = Date.parse('2026-03-02T09:00:00Z');
const ISO = new Date(NOW).toISOString();
const workflow = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../examples/reference-workload.workflow.json'), 'utf8'),
);
const paths: string[] = workflow.fields.map((f: { path: string }) => f.path);
const CHUNK = 100_000;

/** The leads in chunks, generated as they are needed (10 million do not fit in memory at once as objects). */
function* chunks(): Generator<{ leads: Record<string, unknown>[]; start: number }> {
  for (let start = 0; start < N; start += CHUNK)
    yield { leads: generateLeads(Math.min(CHUNK, N - start), { seed: 42 + start, mode: 'clean' }), start };
}
const rowsOf = ({ leads, start }: { leads: Record<string, unknown>[]; start: number }) =>
  leads.map((l, i) => rowOf(String(start + i), l, paths));

const seconds = (t: number) => (performance.now() - t) / 1000;
const results: { name: string; perSecond: number }[] = [];

async function duckdb() {
  const db = await openDuckDb();
  try {
    let first = true;
    for (const c of chunks()) {
      if (first) await loadDuckDb(db.connection, 'leads', columnsOf(paths), rowsOf(c));
      else {
        const appender = await db.connection.createAppender('leads');
        for (const row of rowsOf(c)) {
          for (const cell of row) cell === null ? appender.appendNull() : appender.appendVarchar(cell);
          appender.endRow();
        }
        appender.closeSync();
      }
      first = false;
    }
    const q = compileSql(workflow, { dialect: 'duckdb', table: 'leads', idColumn: 'id', now: NOW });
    const t = performance.now();
    await db.connection.run(`CREATE TABLE decisions AS ${q.sql}`);
    results.push({ name: 'DuckDB (embedded), CREATE TABLE AS', perSecond: N / seconds(t) });
  } finally {
    db.close();
  }
}

async function postgres() {
  const client = await connectPostgres(process.env.DATABASE_URL);
  if (typeof client === 'string') {
    console.log(`PostgreSQL not measured: ${client}.`);
    return;
  }
  const schema = `sql_bench_${process.pid}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  try {
    let first = true;
    for (const c of chunks()) {
      if (first) await loadPostgres(client, `${schema}.leads`, columnsOf(paths), rowsOf(c));
      else {
        const cols = columnsOf(paths);
        const rows = rowsOf(c);
        const casts = cols.map((_, i) => `$${i + 1}::text[]`).join(', ');
        await client.query(
          `INSERT INTO ${schema}.leads SELECT * FROM unnest(${casts})`,
          cols.map((_, i) => rows.map((r) => r[i] ?? null)),
        );
      }
      first = false;
    }
    await client.query(`ANALYZE ${schema}.leads`);
    const q = compileSql(workflow, {
      dialect: 'postgres',
      table: `${schema}.leads`,
      idColumn: 'id',
      now: NOW,
    });
    const t = performance.now();
    await client.query(`CREATE TABLE ${schema}.decisions AS ${q.sql}`);
    results.push({ name: 'PostgreSQL, CREATE TABLE AS', perSecond: N / seconds(t) });
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

async function runtime() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'runtime-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve) =>
      child.stdout.once('data', (d) => resolve(Number(String(d)))),
    );
    const url = `http://127.0.0.1:${port}/v1/workflows/reference-workload/evaluate/batch?now=${ISO}&view=summary`;
    let took = 0;
    let answered = 0;
    for (const c of chunks()) {
      const bodies: string[] = [];
      for (let i = 0; i < c.leads.length; i += 1000)
        bodies.push(
          c.leads
            .slice(i, i + 1000)
            .map(({ id: _id, ...l }) => JSON.stringify(l))
            .join('\n'),
        );
      const t = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-ndjson' },
            body,
          });
          if (!res.ok) throw new Error(`batch: ${res.status} ${await res.text()}`);
          const lines = (await res.text()).split('\n').filter(Boolean);
          const stop = lines.find((l) => !l.includes('"decisionId"'));
          if (stop) throw new Error(`batch: ${stop.slice(0, 300)}`);
          answered += lines.length;
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      took += seconds(t);
    }
    if (answered !== N) throw new Error(`the runtime answered ${answered} of ${N} leads`);
    results.push({ name: 'runtime batch endpoint (HTTP, NDJSON, 1,000 a request)', perSecond: N / took });
  } finally {
    child.kill('SIGTERM');
  }
}

await postgres();
await duckdb();
await runtime();
const base = results.find((r) => r.name.startsWith('runtime'))?.perSecond ?? Number.NaN;
console.log(`${N.toLocaleString('en-US')} generated leads (reference workload, clean), one run`);
console.log(`machine: ${cpus()[0]?.model} × ${cpus().length} cores, Node ${process.version}\n`);
console.log('| scored by | leads/s | ratio to the runtime |\n|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${(r.perSecond / base).toFixed(2)} |`,
  );
