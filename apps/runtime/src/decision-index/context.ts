import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PreparedCtx } from '../sqlite-thread/statements.ts';
import { migrate } from './schema.ts';

function connect(file: string): Database.Database {
  const db = new Database(file);
  try {
    // 16 KiB pages (a new index only: an existing one keeps its size until it is rebuilt). Each
    // decision adds entries at random places in the lead and e-mail indexes, and larger pages split
    // less often: the thread's time a decision under the runtime benchmark fell by 15-50% (docs/runtime.md,
    // Storage). Larger still was no faster on a full log file's 250,000 decisions.
    db.pragma('page_size = 16384');
    // WAL with synchronous=NORMAL, as the hand-off store; a lost commit is only re-indexed.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // An erased lead's bytes are overwritten, not left in the file's free space (docs/runtime.md).
    db.pragma('secure_delete = ON');
    // 64 MiB of pages: the indexes' upper levels stay in memory at ten million decisions.
    db.pragma('cache_size = -65536');
    if (!migrate(db)) throw new Error('the index is from a newer runtime');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The index, or a new one where it cannot be opened (its files deleted first). */
function connectOrRebuild(file: string): Database.Database {
  try {
    return connect(file);
  } catch {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return connect(file);
  }
}

/** One (workflow, route, stage) triple the log holds, by its number (schema.ts). */
export interface Facet {
  no: number;
  workflowId: string;
  route: string | null;
  stage: string;
}

const keyOf = (workflowId: string, route: string | null, stage: string) =>
  `${workflowId}\u0000${route ?? ''}\u0001${stage}`;

/**
 * The thread's handle on the decision index (`<decisions folder>/index.sqlite`). The index only
 * repeats what the log's files hold, so one that cannot be opened (damaged, or from a newer runtime)
 * is deleted and built again from the files rather than stop the runtime.
 */
export class IndexCtx extends PreparedCtx {
  /** Rows were deleted in this transaction: the thread checkpoints after its commit. */
  deleted = false;
  /** The facets table in memory, loaded at first use and dropped on a rollback (it may hold new rows). */
  private facetsByKey: Map<string, Facet> | null = null;

  constructor(file: string) {
    super(connectOrRebuild(file));
  }

  /** Every facet, by key. */
  private facetMap(): Map<string, Facet> {
    if (!this.facetsByKey) {
      const rows = this.db
        .prepare('SELECT no, workflow_id AS workflowId, route, stage FROM facets')
        .all() as Facet[];
      this.facetsByKey = new Map(rows.map((f) => [keyOf(f.workflowId, f.route, f.stage), f]));
    }
    return this.facetsByKey;
  }

  facets(): IterableIterator<Facet> {
    return this.facetMap().values();
  }

  /** The number of a triple, added to `facets` the first time it is seen. */
  facetNo(workflowId: string, route: string | null, stage: string): number {
    const map = this.facetMap();
    const key = keyOf(workflowId, route, stage);
    let facet = map.get(key);
    if (!facet) {
      const no = this.q('INSERT INTO facets (workflow_id, route, stage) VALUES (?, ?, ?)').run(
        workflowId,
        route,
        stage,
      ).lastInsertRowid as number;
      facet = { no, workflowId, route, stage };
      map.set(key, facet);
    }
    return facet.no;
  }

  forgetFacets() {
    this.facetsByKey = null;
  }
}
