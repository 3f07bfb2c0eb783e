import { type PreparedWorkflow, prepare } from '@qualify/rules';
import type { WorkflowRow } from './store.ts';

/**
 * Prepared evaluators per published version. Versions never change, so an entry never goes stale;
 * the bound only keeps a store with thousands of versions from holding all of them.
 */
export class PreparedCache {
  private readonly entries = new Map<string, PreparedWorkflow>();

  constructor(private readonly limit = 1000) {}

  /** The evaluator of version `n`, or undefined when the workflow has no such version. */
  get(row: WorkflowRow, n: number): PreparedWorkflow | undefined {
    const key = `${row.id}\u0000${n}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const version = row.versions[n - 1];
    if (!version) return undefined;
    const prepared = prepare(version.artifact);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, prepared);
    return prepared;
  }
}
