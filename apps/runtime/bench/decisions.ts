import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DecisionLog } from '../src/decision-log.ts';
import { silentLogger } from '../src/logger.ts';
import { DecisionTable } from '../src/pg/decision-table.ts';
import { migrate } from '../src/pg/migrate.ts';
import { CORE_MIGRATIONS } from '../src/pg/schema.ts';
import { createTestDb, postgresForTests } from '../src/pg/test-db.ts';
import type { DecisionFilter, DecisionLogEntry, DecisionPage } from '../src/store.ts';

/**
 * Decision log queries at scale (issue 12: "indexed and answer in under 50 ms at 10 million
 * decisions"), side by side in one run: the PostgreSQL table through the runtime's own DecisionTable,
 * and the embedded JSON Lines log through its own DecisionLog, on the same generated decisions (90
 * days, six workflows, 20% sales, 60% nurture, 20% disqualified, each lead decided five times).
 * Each query is the first page of 50 and the tenth page (following the cursor), median of 5 runs.
 *
 *   BENCH_PG_DECISIONS        decisions in PostgreSQL (default 10,000,000; needs DATABASE_URL)
 *   BENCH_EMBEDDED_DECISIONS  decisions in the embedded log (default 10,000,000; 0 to skip)
 */
const PG_N = Number(process.env.BENCH_PG_DECISIONS ?? 10_000_000);
const EMBEDDED_N = Number(process.env.BENCH_EMBEDDED_DECISIONS ?? 10_000_000);
const RUNS = 5;
const PAGE = 50;
const DAY = 86_400_000;
const END = Date.parse('2026-11-30T00:00:00Z');
const START = END - 90 * DAY;
const WORKFLOWS = [
  'bant-inbound-saas',
  'champ-midmarket',
  'meddic-enterprise',
  'anum-services',
  'plg-trial',
  'reference-workload',
];

/** Decision i of n: the same in JavaScript (embedded) and in SQL (PostgreSQL, see `PG_ROWS`). */
function decisionOf(i: number, n: number): DecisionLogEntry {
  const ms = START + Math.floor((i * 90 * DAY) / n);
  const r = (i * 40503) % 10;
  const route = r < 2 ? 'sales' : r < 8 ? 'nurture' : 'disqualify';
  // Each lead decided five times, the leads of each round in a scrambled order, as leads arrive
  // (their e-mails land at random places in the index, not one after another).
  const lead = (i * 1_000_003) % Math.max(1, Math.floor(n / 5));
  return {
    decisionId: ms.toString(16).padStart(12, '0') + i.toString(16).padStart(18, '0'),
    workflowId: WORKFLOWS[(i * 7919) % 6]!,
    version: 1 + (i % 3),
    leadId: i % 10 < 7 ? `lead-${lead}` : null,
    email: i % 10 < 5 ? `user${lead}@example.com` : null,
    route,
    target: route === 'sales' ? 'Inbound SDR' : route === 'nurture' ? 'Newsletter' : null,
    routeNodeId: `to-${route}`,
    stage:
      route === 'sales'
        ? i % 2
          ? 'SQL'
          : 'SAL'
        : route === 'nurture'
          ? i % 2
            ? 'MQL'
            : 'Lead'
          : 'Disqualified',
    score: i % 100,
    at: new Date(ms).toISOString(),
  };
}

/** The same decisions as `decisionOf`, generated inside PostgreSQL (10 million rows in about a minute). */
const PG_ROWS = (n: number, from: number, to: number) => `
  WITH g AS (SELECT i, ${START}::bigint + (i::bigint * ${90 * DAY}) / ${n} AS ms, (i::bigint * 40503) % 10 AS r,
                    (i::bigint * 1000003) % greatest(1, ${Math.floor(n / 5)}) AS lead
             FROM generate_series(${from}, ${to - 1}) AS i),
       h AS (SELECT *, CASE WHEN r < 2 THEN 'sales' WHEN r < 8 THEN 'nurture' ELSE 'disqualify' END AS route FROM g)
  INSERT INTO decisions (id, at, workflow_id, version, lead_id, email, route, target, route_node_id, stage, score)
  SELECT lpad(to_hex(ms), 12, '0') || lpad(to_hex(i), 18, '0'),
         to_timestamp(ms / 1000.0),
         (ARRAY[${WORKFLOWS.map((w) => `'${w}'`).join(',')}])[1 + (i::bigint * 7919) % 6],
         1 + i % 3,
         CASE WHEN i % 10 < 7 THEN 'lead-' || lead END,
         CASE WHEN i % 10 < 5 THEN 'user' || lead || '@example.com' END,
         route,
         CASE route WHEN 'sales' THEN 'Inbound SDR' WHEN 'nurture' THEN 'Newsletter' END,
         'to-' || route,
         CASE route WHEN 'sales' THEN CASE WHEN i % 2 = 1 THEN 'SQL' ELSE 'SAL' END
                    WHEN 'nurture' THEN CASE WHEN i % 2 = 1 THEN 'MQL' ELSE 'Lead' END
                    ELSE 'Disqualified' END,
         i % 100
  FROM h`;

/** The queries people ask of the log: by lead, by workflow, route, stage, time, and mixed. */
function queries(n: number): [string, DecisionFilter][] {
  const lead = Math.floor(n / 5 / 2);
  return [
    ['newest, no filter', {}],
    ['one lead, by lead id', { lead: `lead-${lead}` }],
    ['one lead, by e-mail', { lead: `user${lead}@example.com` }],
    ['one workflow', { workflow: 'champ-midmarket' }],
    ['route: sales', { route: 'sales' }],
    ['stage: SQL', { stage: 'SQL' }],
    ['since yesterday', { since: new Date(END - DAY).toISOString() }],
    ['workflow, route and stage', { workflow: 'plg-trial', route: 'disqualify', stage: 'Disqualified' }],
    ['route and a stage it never sets (no match)', { route: 'sales', stage: 'Lead' }],
    [
      'route and stage since yesterday',
      { route: 'sales', stage: 'SQL', since: new Date(END - DAY).toISOString() },
    ],
    [
      "a workflow's sales leads in the last week",
      { workflow: 'anum-services', route: 'sales', since: new Date(END - 7 * DAY).toISOString() },
    ],
  ];
}

interface Lister {
  list(filter: DecisionFilter, cursor: string | undefined, limit: number): Promise<DecisionPage>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds for the first page and for the tenth (after following nine cursors), medians. */
async function timeQuery(
  log: Lister,
  filter: DecisionFilter,
): Promise<{ first: number; tenth: number; found: number }> {
  const first: number[] = [];
  const tenth: number[] = [];
  let found = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    let page = await log.list(filter, undefined, PAGE);
    first.push(performance.now() - t);
    found = page.items.length;
    for (let p = 2; p <= 10 && page.nextCursor; p++) {
      t = performance.now();
      page = await log.list(filter, page.nextCursor, PAGE);
      if (p === 10) tenth.push(performance.now() - t);
    }
  }
  return { first: median(first), tenth: tenth.length ? median(tenth) : Number.NaN, found };
}

type Timings = Map<string, { first: number; tenth: number; found: number }>;

async function benchPostgres(): Promise<Timings | string> {
  const url = await postgresForTests('decision log benchmark');
  if (!url) return 'not run: no PostgreSQL at DATABASE_URL';
  const db = await createTestDb(url);
  try {
    await migrate(db.pool, CORE_MIGRATIONS);
    // Loading first and indexing after is how a restore would go; the indexes are the migration's own.
    const { rows } = await db.pool.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'decisions' AND indexname <> 'decisions_pkey'",
    );
    // One connection without the pool's statement time limit, loading a million rows a statement.
    const client = await db.pool.connect();
    await client.query('SET statement_timeout = 0');
    for (const r of rows) await client.query(`DROP INDEX ${r.indexname}`);
    let t = performance.now();
    for (let from = 0; from < PG_N; from += 1_000_000)
      await client.query(PG_ROWS(PG_N, from, Math.min(PG_N, from + 1_000_000)));
    const loaded = performance.now() - t;
    t = performance.now();
    for (const r of rows) await client.query(r.indexdef);
    await client.query('ANALYZE decisions');
    client.release();
    console.error(
      `PostgreSQL: ${PG_N.toLocaleString('en-US')} decisions loaded in ${(loaded / 1000).toFixed(0)} s, indexed in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    const table = new DecisionTable(db.pool, { flushMs: 50, logger: silentLogger });
    const out: Timings = new Map();
    for (const [name, filter] of queries(PG_N)) out.set(name, await timeQuery(table, filter));
    await table.close();
    return out;
  } finally {
    await db.drop();
  }
}

async function benchEmbedded(): Promise<Timings | string> {
  if (EMBEDDED_N <= 0) return 'not run (BENCH_EMBEDDED_DECISIONS=0)';
  const dir = mkdtempSync(join(tmpdir(), 'qualify-decisions-bench-'));
  try {
    const o = {
      dir,
      flushMs: 60_000,
      rotateBytes: 64 * 1024 * 1024,
      memoryEntries: 20_000,
      logger: silentLogger,
    };
    let log = await DecisionLog.open(o);
    const t = performance.now();
    // Flushed as the day turns, as a running log is: each file holds its own days.
    let day = '';
    for (let i = 0; i < EMBEDDED_N; i++) {
      const e = decisionOf(i, EMBEDDED_N);
      if (e.at.slice(0, 10) !== day) {
        await log.flush();
        day = e.at.slice(0, 10);
      }
      log.append(e);
    }
    await log.close();
    console.error(
      `embedded: ${EMBEDDED_N.toLocaleString('en-US')} decisions written in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    // Reopened, as after a restart: the recent entries are those the ring got since. The first query
    // waits for the index to be built from the files, as after an upgrade to a runtime with it.
    const built = performance.now();
    log = await DecisionLog.open(o);
    await log.list({}, undefined, 1);
    console.error(
      `embedded: index built from the files in ${((performance.now() - built) / 1000).toFixed(1)} s`,
    );
    const out: Timings = new Map();
    for (const [name, filter] of queries(EMBEDDED_N)) out.set(name, await timeQuery(log, filter));
    await log.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : x.toFixed(0));

async function main() {
  const pg = await benchPostgres();
  const embedded = await benchEmbedded();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nDecision log queries, ${RUNS} runs each, median ms (page of ${PAGE}; the tenth page after following nine cursors)`,
  );
  console.log(
    `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
  );
  const head = (label: string, n: number, t: Timings | string) =>
    typeof t === 'string' ? `${label}: ${t}` : `${label}, ${n.toLocaleString('en-US')} decisions`;
  console.log(`| query | ${head('PostgreSQL', PG_N, pg)} | | ${head('embedded', EMBEDDED_N, embedded)} | |`);
  console.log('|---|---:|---:|---:|---:|');
  console.log('| | first page | tenth page | first page | tenth page |');
  for (const [name] of queries(1)) {
    const cells = [pg, embedded].flatMap((t) => {
      const r = typeof t === 'string' ? undefined : t.get(name);
      return r ? [`${ms(r.first)}${r.found === 0 ? ' (none)' : ''}`, ms(r.tenth)] : ['–', '–'];
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

await main();
