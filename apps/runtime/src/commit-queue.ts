/**
 * Serialises writes of a whole-file store and coalesces them: a write asked for while another runs
 * waits for it, then one write carries every change made meanwhile. Each caller's promise resolves
 * only after a write that started after its change, so an acknowledged change is on disk.
 */
export class CommitQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(private readonly write: () => Promise<void>) {}

  commit(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      return this.write();
    });
    this.queued = run;
    this.tail = run.catch(() => {});
    return run;
  }

  /** Resolves when every write asked for so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }
}
