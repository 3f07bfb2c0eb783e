/**
 * `npm run bench -w @qualify/rules`: the reference workload on 100,000 generated leads, side by side
 * in one process (interleaved rounds, medians): the product's evaluator (fast path), json-logic-js applying
 * the same artifact, and a hand-written function of the same logic; then compile times.
 * The same code reads a ratio 0.32 in one process and 0.50 in the next on this kind of machine (JIT and
 * heap layout), so the run is repeated in `BENCH_PROCESSES` child processes (default 5) and each ratio
 * is the median of the processes' ratios, with their range.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { compile, type Decision, prepare } from '../src/index.ts';
import { referenceEngine } from '../src/reference.ts';
import { handRoute, handScore } from './hand-written.ts';
import { generateLeads } from './lead-generator.ts';
import { routeName } from './route-name.ts';
import { syntheticWorkflow } from './synthetic-workflow.ts';

const N = Number(process.env.BENCH_LEADS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5);
const CHILD = process.env.BENCH_CHILD === '1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One process's measurement: each contender's median leads a second over the interleaved rounds. */
function measure(): Record<string, number> {
  const REFERENCE_SHARE = 10; // json-logic-js is slow: it runs on every 10th lead and is scaled to leads/s
  const NOW = Date.parse('2026-03-02T09:00:00Z');
  // One options object for every call, as a caller evaluating a stream of leads would hold it.
  const AT = { now: NOW };

  const workflow = JSON.parse(
    readFileSync(new URL('../../../examples/reference-workload.workflow.json', import.meta.url), 'utf8'),
  );
  const artifact = compile(workflow);
  const fast = prepare(artifact);
  const reference = prepare(artifact, { engine: referenceEngine });
  /**
   * Leads as the runtime receives them: parsed from JSON text. Made by the generator's object literals
   * instead, V8 may pretenure those literals' allocation sites partway through (all their objects live),
   * and in about one process in seven evaluate() then ran at a fifth of its speed for the whole process:
   * 4 slow runs in 29 so, none in 45 with parsed leads or with --no-allocation-site-pretenuring.
   */
  const leads: Record<string, unknown>[] = JSON.parse(
    JSON.stringify(generateLeads(N, { seed: 42, mode: 'clean' })),
  );
  const refLeads = leads.filter((_, i) => i % REFERENCE_SHARE === 0);

  // The comparison means something only if all three decide the same: check every clean lead first.
  let mismatches = 0;
  for (const lead of leads) {
    const d = fast.evaluate(lead, { now: NOW });
    if (routeName(d) !== handRoute(lead) || d.score.total !== handScore(lead)) mismatches++;
  }
  for (const lead of refLeads.slice(0, 2000)) {
    if (
      JSON.stringify(reference.evaluate(lead, { now: NOW })) !==
      JSON.stringify(fast.evaluate(lead, { now: NOW }))
    ) {
      mismatches++;
    }
  }
  if (mismatches) {
    console.error(`${mismatches} leads decided differently: the benchmark would compare different work.`);
    process.exit(1);
  }

  let sink = 0;
  const contenders: Record<string, { leads: unknown[]; run: (lead: unknown) => void; rates: number[] }> = {
    'hand-written function (route)': {
      leads,
      run: (l) => {
        sink += handRoute(l as Record<string, unknown>).length;
      },
      rates: [],
    },
    'Qualify fast path, decide (route, stage, score)': {
      leads,
      run: (l) => {
        sink += fast.decide(l, AT).score.total;
      },
      rates: [],
    },
    'Qualify fast path, evaluate (full decision receipt)': {
      leads,
      run: (l) => {
        const d: Decision = fast.evaluate(l, AT);
        sink += d.path.length;
      },
      rates: [],
    },
    'json-logic-js on the same artifact, decide': {
      leads: refLeads,
      run: (l) => {
        sink += reference.decide(l, AT).score.total;
      },
      rates: [],
    },
    'json-logic-js on the same artifact, evaluate (full receipt)': {
      leads: refLeads,
      run: (l) => {
        sink += reference.evaluate(l, AT).path.length;
      },
      rates: [],
    },
  };

  for (let round = 0; round < ROUNDS; round++) {
    for (const c of Object.values(contenders)) {
      const t0 = process.hrtime.bigint();
      for (const l of c.leads) c.run(l);
      const ns = Number(process.hrtime.bigint() - t0);
      c.rates.push((c.leads.length / ns) * 1e9);
    }
  }
  const out: Record<string, number> = {};
  for (const [name, c] of Object.entries(contenders)) out[name] = median(c.rates);
  if (sink === -1) console.log(sink);
  return out;
}

if (CHILD) {
  process.stdout.write(JSON.stringify(measure()));
  process.exit(0);
}

// Each process measures on its own (a fresh JIT and heap); the ratios are taken within a process first.
const runs: Record<string, number>[] = [];
for (let i = 0; i < PROCESSES; i++) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_CHILD: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) process.exit(child.status ?? 1);
  runs.push(JSON.parse(child.stdout));
  process.stderr.write(`process ${i + 1}/${PROCESSES} measured\n`);
}
const fmt = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
const HAND = 'hand-written function (route)';
const range = (xs: number[]) => `${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)}`;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nMachine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `Reference workload, ${N.toLocaleString('en-US')} clean leads; in each of ${PROCESSES} processes the median of ${ROUNDS} interleaved rounds`,
);
console.log('(all decisions checked equal to the hand-written function before timing, in every process)\n');
console.log(
  '| evaluator | leads/s (median of processes) | ratio to hand-written (median of processes) | ratio, range over processes |',
);
console.log('|---|---|---|---|');
for (const name of Object.keys(runs[0]!)) {
  const ratios = runs.map((r) => r[name]! / r[HAND]!);
  const m = median(ratios);
  const shown = name === HAND ? '1' : `1/${(1 / m).toFixed(1)} (${m.toFixed(3)})`;
  console.log(`| ${name} | ${fmt(median(runs.map((r) => r[name]!)))} | ${shown} | ${range(ratios)} |`);
}

console.log('\n| compile | nodes | ms (median of 7) |');
console.log('|---|---|---|');
for (const size of [10, 100, 1000]) {
  const wf = syntheticWorkflow(size);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    compile(wf);
    times.push(performance.now() - t0);
  }
  console.log(`| compile() | ${wf.nodes.length} | ${median(times).toFixed(1)} |`);
}
