/**
 * What the values that mean missing cost the normaliser: the reference workload's catalogue with and
 * without the product's list, on its generated leads as JSON and with every value as text (as a CSV
 * gives them). Rates are per CPU second of this process (process.cpuUsage), interleaved and the median
 * of 15 rounds, so a busy machine slows both sides alike.
 *
 *   npx tsx packages/rules/bench/missing-values.ts
 */
import { readFileSync } from 'node:fs';
import { compile, makeNormalizer, type Normalizer } from '../src/index.ts';
import { generateLeads } from './lead-generator.ts';

const workflow = JSON.parse(
  readFileSync(new URL('../../../examples/reference-workload.workflow.json', import.meta.url), 'utf8'),
);
const withList = compile(workflow).fields;
const without = withList.map(({ missing: _, ...f }) => f);
const leads = generateLeads(100_000, { seed: 42, mode: 'clean' });
const asText = leads.map((l) =>
  JSON.parse(JSON.stringify(l, (_k, v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v))),
);

let sink = 0;
function rate(normalize: Normalizer, input: unknown[]): number {
  const start = process.cpuUsage();
  for (const lead of input) sink += normalize(lead).issues.length;
  const used = process.cpuUsage(start);
  return input.length / ((used.user + used.system) / 1e6);
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const plain = makeNormalizer(without);
const listed = makeNormalizer(withList);
for (const [name, input] of [
  ['JSON leads', leads],
  ['every value as text', asText],
] as const) {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < 15; round++) {
    a.push(rate(plain, input));
    b.push(rate(listed, input));
  }
  const [x, y] = [median(a), median(b)];
  console.log(
    `${name}: no list ${Math.round(x).toLocaleString('en')} leads/s, product list ${Math.round(y).toLocaleString('en')} leads/s (${((y / x - 1) * 100).toFixed(1)}%)`,
  );
}
if (sink < 0) console.log(sink);
