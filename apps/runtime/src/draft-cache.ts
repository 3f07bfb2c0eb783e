import { compile, type PreparedWorkflow, prepare } from '@qualify/rules';
import type { WorkflowRow } from './store.ts';

/**
 * Prepared evaluators of stored drafts by revision: the studio's test panel runs many leads against
 * the same draft, which then compiles once. A draft given in the request body is compiled each time.
 */
export class DraftCache {
  private readonly entries = new Map<string, PreparedWorkflow>();

  constructor(private readonly limit = 200) {}

  /** Throws WorkflowInvalidError when the draft has errors. */
  get(row: WorkflowRow): PreparedWorkflow {
    const key = `${row.id}\u0000${row.revision}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const prepared = prepare(compile(row.draft));
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, prepared);
    return prepared;
  }
}
