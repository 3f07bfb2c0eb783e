import type { ErasedCounts } from './counts.ts';

/** One retention sweep, as GET /v1/ops shows the last. */
export interface SweepRecord {
  /** When it started (the runtime's clock). */
  at: string;
  /** The cut: what was logged, or last seen, before it went. */
  before: string;
  durationMs: number;
  deleted: ErasedCounts;
  /** Why it stopped early; absent when it ran to the end. */
  error?: string;
}

/**
 * Where sweeps coordinate: one at a time over the same data, and the last one remembered for every
 * process that serves it. The embedded store's data folder belongs to one process (runtime.lock), so
 * memory does (`memoryLedger`); PostgreSQL replicas share an advisory lock and a row (pg/sweep-ledger.ts).
 */
export interface SweepLedger {
  /** Runs `sweep` unless another process is sweeping this data; null when it was. */
  exclusive<T>(sweep: () => Promise<T>): Promise<T | null>;
  record(sweep: SweepRecord): Promise<void>;
  last(): Promise<SweepRecord | null>;
}

export function memoryLedger(): SweepLedger {
  let last: SweepRecord | null = null;
  return {
    exclusive: (sweep) => sweep(),
    record: async (s) => {
      last = s;
    },
    last: async () => last,
  };
}
