import { type PreparedWorkflow, prepare } from '@qualify/rules';
import type { WorkflowRow } from './store.ts';

/**
 * Prepared evaluators per published version. Versions never change, so an entry never goes stale;
 * the bound only keeps a store with thousands of versions from holding all of them.
 */
export class PreparedCache {
  /** By workflow id, then version number: no key string to build on every evaluation. */
  private readonly entries = new Map<string, Map<number, PreparedWorkflow>>();
  private size = 0;

  constructor(private readonly limit = 1000) {}

  /** The evaluator of version `n`, or undefined when the workflow has no such version. */
  get(row: WorkflowRow, n: number): PreparedWorkflow | undefined {
    const hit = this.entries.get(row.id)?.get(n);
    if (hit) return hit;
    const version = row.versions[n - 1];
    if (!version) return undefined;
    const prepared = prepare(version.artifact);
    // Past the bound, the versions of the workflow cached longest ago make room.
    if (this.size >= this.limit) {
      const [oldest, versions] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.size -= versions.size;
    }
    let versions = this.entries.get(row.id);
    if (!versions) {
      versions = new Map();
      this.entries.set(row.id, versions);
    }
    versions.set(n, prepared);
    this.size++;
    return prepared;
  }
}
