import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuSeconds } from './cpu.ts';
import { generateLeads } from './gen.ts';

/**
 * Runtime throughput against a bare Hono endpoint doing only the parsing, side by side in one run:
 * single evaluations (one lead a request, decision logged) and batches of 1,000 leads (NDJSON).
 * The servers run in a child process so the load generator does not share their event loop.
 * BENCH_ROUNDS, BENCH_SECONDS: rounds and their length; BENCH_ONLY: scenario ids to run (comma-separated).
 * BENCH_SERVER_FLAGS: Node flags for the servers' process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 * (the profile is written when the run ends).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const NOW = '2026-03-02T09:00:00Z';

/**
 * The generated leads carry an `id`, which makes each a lead the runtime remembers (a hand-off per
 * lead). The evaluation scenarios send them without it, as stateless scoring: only the few routed to
 * sales are handed off. The hand-off scenarios send them with it, to a workflow whose sales route
 * assigns from a pool: every lead's stage is stored, sales leads get an owner and an SLA timer.
 */
const withIds = generateLeads(10_000);
const leads = withIds.map(({ id: _id, ...lead }) => lead);
const singleOf = (ls: object[]) => ls.map((lead) => JSON.stringify({ lead, now: NOW }));
const batchOf = (ls: object[]) =>
  Array.from({ length: 5 }, (_, k) =>
    ls
      .slice(k * 1000, (k + 1) * 1000)
      .map((l) => JSON.stringify(l))
      .join('\n'),
  );
const singleBodies = singleOf(leads);
const batchBodies = batchOf(leads);
const handoffSingleBodies = singleOf(withIds);
const handoffBatchBodies = batchOf(withIds);

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The servers' process CPU per request, µs: its main thread, and all its threads (NaN without /proc). */
  mainUs: number;
  allUs: number;
  /** Of all threads: the SQLite thread requests wait on (hand-offs), and the background one (the index). */
  requestsUs: number;
  backgroundUs: number;
}

async function load(
  url: string,
  bodies: string[],
  type: string,
  connections: number,
  duration = SECONDS,
): Promise<Result> {
  let i = 0;
  const r = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${KEY.value}` },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    mainUs: Number.NaN,
    allUs: Number.NaN,
    requestsUs: Number.NaN,
    backgroundUs: Number.NaN,
    requests: r.requests.total,
  } as Result & { requests: number };
}

/** A load with the servers' CPU time measured around it, per request answered. */
async function measured(pid: number, ...args: Parameters<typeof load>): Promise<Result> {
  const before = cpuSeconds(pid);
  const r = (await load(...args)) as Result & { requests: number };
  const after = cpuSeconds(pid);
  if (before && after && r.requests > 0) {
    r.mainUs = ((after.main - before.main) * 1e6) / r.requests;
    r.allUs = ((after.all - before.all) * 1e6) / r.requests;
    r.requestsUs = ((after.sqliteRequests - before.sqliteRequests) * 1e6) / r.requests;
    r.backgroundUs = ((after.sqliteBackground - before.sqliteBackground) * 1e6) / r.requests;
  }
  return r;
}

/** The bench key the servers' process made; every request sends it. */
const KEY = { value: '' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./servers.ts', import.meta.url)),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ports = await new Promise<{ bare: number; runtime: number; peer: number; key: string }>((resolve) => {
    child.stdout!.once('data', (b) => resolve(JSON.parse(String(b))));
  });
  KEY.value = ports.key;
  const bare = `http://127.0.0.1:${ports.bare}`;
  const rt = `http://127.0.0.1:${ports.runtime}/v1/workflows/reference-workload`;
  const rtHandoff = `http://127.0.0.1:${ports.runtime}/v1/workflows/reference-handoff`;
  const rtShadow = `http://127.0.0.1:${ports.runtime}/v1/workflows/reference-shadow`;
  const peer = `http://127.0.0.1:${ports.peer}`;
  const single = { bodies: singleBodies, type: 'application/json', c: 50, leads: 1 };
  const batch = { bodies: batchBodies, type: 'application/x-ndjson', c: 4, leads: 1000 };
  // Each scenario is compared with others named by id: `base` the bare endpoint of the same kind; `floor`
  // the bare endpoint replying an answer of the same size; `peer` the peer stack doing the same job (for
  // full receipts, the peer replying a receipt of the same size: its own answer is an eighth of one);
  // `without` the same evaluation without the hand-off, or without a challenger (what either costs).
  const scenarios: ({
    id: string;
    name: string;
    url: string;
    base?: string;
    floor?: string;
    peer?: string;
    without?: string;
  } & typeof single)[] = [
    { id: 'bare', name: 'single, bare Hono (parse + reply)', url: `${bare}/evaluate`, ...single },
    {
      id: 'fixed-full',
      name: 'single, bare Hono replying a fixed full receipt',
      url: `${bare}/fixed`,
      ...single,
      base: 'bare',
    },
    {
      id: 'fixed-summary',
      name: 'single, bare Hono replying a fixed summary',
      url: `${bare}/fixed?view=summary`,
      ...single,
      base: 'bare',
    },
    {
      id: 'peer',
      name: 'single, peer stack (key check, json-logic-engine, randomUUID, pino)',
      url: `${peer}/evaluate`,
      ...single,
      base: 'bare',
    },
    {
      id: 'peer-full',
      name: 'single, peer stack replying a full receipt (fixed, its own decision id)',
      url: `${peer}/evaluate?answer=receipt`,
      ...single,
      base: 'bare',
    },
    {
      id: 'full',
      name: 'single, runtime evaluate + log (full receipt)',
      url: `${rt}/evaluate`,
      ...single,
      base: 'bare',
      floor: 'fixed-full',
      peer: 'peer-full',
    },
    {
      id: 'summary',
      name: 'single, runtime evaluate + log (view=summary)',
      url: `${rt}/evaluate?view=summary`,
      ...single,
      base: 'bare',
      floor: 'fixed-summary',
      peer: 'peer',
    },
    {
      id: 'handoff',
      name: 'single, runtime evaluate + log + hand-off (lead ids, pool; full receipt)',
      url: `${rtHandoff}/evaluate`,
      ...single,
      bodies: handoffSingleBodies,
      base: 'bare',
      floor: 'fixed-full',
      without: 'full',
    },
    { id: 'batch-bare', name: 'batch 1,000, bare Hono (parse + reply)', url: `${bare}/batch`, ...batch },
    {
      id: 'batch-fixed-full',
      name: 'batch 1,000, bare Hono replying fixed full receipts',
      url: `${bare}/fixed/batch`,
      ...batch,
      base: 'batch-bare',
    },
    {
      id: 'batch-fixed-summary',
      name: 'batch 1,000, bare Hono replying fixed summaries',
      url: `${bare}/fixed/batch?view=summary`,
      ...batch,
      base: 'batch-bare',
    },
    {
      id: 'batch-peer',
      name: 'batch 1,000, peer stack (key check, json-logic-engine, randomUUID, pino)',
      url: `${peer}/batch`,
      ...batch,
      base: 'batch-bare',
    },
    {
      id: 'batch-peer-full',
      name: 'batch 1,000, peer stack replying full receipts (fixed, its own decision ids)',
      url: `${peer}/batch?answer=receipt`,
      ...batch,
      base: 'batch-bare',
    },
    {
      id: 'batch-full',
      name: 'batch 1,000, runtime evaluate + log (full receipts)',
      url: `${rt}/evaluate/batch?now=${NOW}`,
      ...batch,
      base: 'batch-bare',
      floor: 'batch-fixed-full',
      peer: 'batch-peer-full',
    },
    {
      id: 'batch-summary',
      name: 'batch 1,000, runtime evaluate + log (view=summary)',
      url: `${rt}/evaluate/batch?now=${NOW}&view=summary`,
      ...batch,
      base: 'batch-bare',
      floor: 'batch-fixed-summary',
      peer: 'batch-peer',
    },
    {
      id: 'batch-handoff',
      name: 'batch 1,000, runtime evaluate + log + hand-off (lead ids, pool; full receipts)',
      url: `${rtHandoff}/evaluate/batch?now=${NOW}`,
      ...batch,
      bodies: handoffBatchBodies,
      base: 'batch-bare',
      floor: 'batch-fixed-full',
      without: 'batch-full',
    },
    {
      id: 'shadow',
      name: 'single, runtime evaluate + log + shadow run (a challenger running; full receipt)',
      url: `${rtShadow}/evaluate`,
      ...single,
      base: 'bare',
      floor: 'fixed-full',
      without: 'full',
    },
  ];
  // BENCH_ONLY=summary,peer runs those scenarios and the ones their ratios need.
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  if (only?.length) {
    const wanted = new Set(only);
    // And theirs in turn (a hand-off scenario's ratio is to the scenario without it, which has a peer).
    for (let known = 0; known !== wanted.size; ) {
      known = wanted.size;
      for (const s of scenarios.filter((x) => wanted.has(x.id)))
        for (const dep of [s.base, s.floor, s.peer, s.without]) if (dep) wanted.add(dep);
    }
    scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => wanted.has(s.id)));
  }
  // Unrecorded warm-up, so the JIT has compiled both servers before anything is timed.
  for (const s of scenarios) await load(s.url, s.bodies, s.type, s.c, 2);
  const runs = scenarios.map(() => [] as Result[]);
  // Interleaved rounds, so drift in the machine's speed hits every scenario alike.
  // The decision index follows the log in a background thread: brought up to date before each load (a
  // query for a lead nobody has waits for it), so one scenario's indexing is not counted in the next's CPU.
  const settle = () =>
    fetch(`http://127.0.0.1:${ports.runtime}/v1/decisions?lead=bench-settle&limit=1`, {
      headers: { authorization: `Bearer ${KEY.value}` },
    }).then((r) => r.text());
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, s] of scenarios.entries()) {
      await settle();
      runs[k]!.push(await measured(child.pid!, s.url, s.bodies, s.type, s.c));
      process.stderr.write(
        `round ${round + 1}/${ROUNDS}: ${s.name} ${Math.round(runs[k]!.at(-1)!.rps)} req/s\n`,
      );
    }
  }
  // Offers the challenger's queue could not hold: the shadow scenario's ratio is only honest if few were.
  const metrics = await (await fetch(`http://127.0.0.1:${ports.runtime}/metrics`)).text();
  const dropped = /^qualify_shadow_dropped_total (\d+)$/m.exec(metrics)?.[1] ?? '?';
  const shadowed = await (await fetch(`${rtShadow}/shadow/report`)).json();
  child.kill('SIGTERM');

  const rows = scenarios.map((s, k) => {
    const rs = runs[k]!;
    return {
      ...s,
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      mainUs: median(rs.map((r) => r.mainUs)),
      allUs: median(rs.map((r) => r.allUs)),
      requestsUs: median(rs.map((r) => r.requestsUs)),
      backgroundUs: median(rs.map((r) => r.backgroundUs)),
    };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ratio = (r: { rps: number }, to: string | undefined) =>
    to === undefined ? '' : (r.rps / byId.get(to)!.rps).toFixed(2);
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const us = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(0));
  // As the other ratios: above 1 is better. The peer's CPU a request over this scenario's, all threads.
  const cpuRatio = (r: { allUs: number }, to: string | undefined) =>
    to === undefined || Number.isNaN(r.allUs) ? '' : (byId.get(to)!.allUs / r.allUs).toFixed(2);
  const lines = [
    `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); medians of ${ROUNDS} interleaved rounds of ${SECONDS} s. Server CPU from /proc: the servers' process (the bare, peer and runtime apps share it), divided by the requests answered.`,
    '',
    '| scenario | connections | req/s | leads/s | p50 ms | p99 ms | ratio to bare | ratio to the same answer, fixed | ratio to the peer stack | ratio to without (hand-off, challenger) | server CPU µs/request: event loop | all threads | of which SQLite, hand-offs | SQLite, index | CPU ratio to the peer stack | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.c} | ${fmt(r.rps)} | ${fmt(r.rps * r.leads)} | ${r.p50} | ${r.p99} | ${ratio(r, r.base ?? r.id)} | ${ratio(r, r.floor)} | ${ratio(r, r.peer)} | ${ratio(r, r.without)} | ${us(r.mainUs)} | ${us(r.allUs)} | ${us(r.requestsUs)} | ${us(r.backgroundUs)} | ${cpuRatio(r, r.peer)} | ${r.errors} |`,
    );
  }
  lines.push(
    '',
    `Shadow run: the challenger evaluated ${(shadowed as { evaluations: number }).evaluations.toLocaleString('en')} leads; ${dropped} offers dropped (queue full).`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
