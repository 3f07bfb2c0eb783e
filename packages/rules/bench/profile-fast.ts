// Profiling aid: the fast path alone on the reference workload (node --cpu-prof --import tsx ...).
import { readFileSync } from 'node:fs';
import { compile, prepare } from '../src/index.ts';
import { generateLeads } from './lead-generator.ts';

const workflow = JSON.parse(
  readFileSync(new URL('../../../examples/reference-workload.workflow.json', import.meta.url), 'utf8'),
);
const fast = prepare(compile(workflow));
// Parsed from JSON text, as in run.ts (the generator's own objects can be pretenured: see there).
const leads: Record<string, unknown>[] = JSON.parse(
  JSON.stringify(generateLeads(100_000, { seed: 42, mode: 'clean' })),
);
const now = Date.parse('2026-03-02T09:00:00Z');
let sink = 0;
for (let r = 0; r < 10; r++) {
  const t0 = performance.now();
  for (const l of leads)
    sink += process.env.DECIDE ? fast.decide(l, { now }).score.total : fast.evaluate(l, { now }).path.length;
  console.log(`${((leads.length / (performance.now() - t0)) * 1000).toFixed(0)} leads/s`);
}
if (sink < 0) console.log(sink);
