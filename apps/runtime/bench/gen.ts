/**
 * Clean leads for the reference workload: the rules benchmark's generator (a port of the shared
 * yardstick, shared/bench/reference-workload/gen.mjs), so both benchmarks load the same leads.
 */
import { generateLeads as generate, type Lead } from '../../../packages/rules/bench/lead-generator.ts';

export type { Lead };

export function generateLeads(n: number, seed = 42): Lead[] {
  return generate(n, { seed, mode: 'clean' });
}
