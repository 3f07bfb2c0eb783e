import type pg from 'pg';
import type { Logger } from '../logger.ts';
import type { ShadowEntry, ShadowFilter } from '../shadow/types.ts';
import { deleteInBatches } from './delete-batches.ts';
import { GroupCommit } from './group-commit.ts';

/** Shadow entries in `shadow_entries`, appended in batches, read per challenger and period. */
export class ShadowTable {
  private readonly writer: GroupCommit<ShadowEntry>;

  constructor(
    private readonly pool: pg.Pool,
    o: { flushMs: number; logger: Logger },
  ) {
    this.writer = new GroupCommit({
      write: (batch) =>
        pool
          .query(
            `INSERT INTO shadow_entries (workflow_id, challenger_id, at, entry)
             SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[])`,
            [
              batch.map((e) => e.workflowId),
              batch.map((e) => e.challengerId),
              batch.map((e) => e.at),
              batch.map((e) => JSON.stringify(e)),
            ],
          )
          .then(() => {}),
      flushMs: o.flushMs,
      maxBatch: 2_000,
      maxUnwritten: 200_000,
      logger: o.logger,
      name: 'shadow log',
    });
  }

  append(entry: ShadowEntry): boolean {
    return this.writer.append(entry);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  /** Deletes the entries before `beforeIso`, buffered ones included, 10,000 a statement. */
  async prune(beforeIso: string): Promise<number> {
    await this.flush();
    return deleteInBatches(
      this.pool,
      'DELETE FROM shadow_entries WHERE seq IN (SELECT seq FROM shadow_entries WHERE at < $1 LIMIT 10000)',
      [new Date(beforeIso).toISOString()],
      10_000,
    );
  }

  /** Deletes the entries of these lead ids (shadow entries carry no e-mail), buffered ones included. */
  async eraseLead(leadIdOrEmail: string | readonly string[]): Promise<number> {
    await this.flush();
    const { rowCount } = await this.pool.query(
      "DELETE FROM shadow_entries WHERE entry->>'leadId' = ANY($1::text[])",
      [typeof leadIdOrEmail === 'string' ? [leadIdOrEmail] : [...leadIdOrEmail]],
    );
    return rowCount ?? 0;
  }

  async scan(f: ShadowFilter, visit: (e: ShadowEntry) => void): Promise<void> {
    await this.flush();
    const params: unknown[] = [f.workflow, f.challenger];
    let sql = 'SELECT entry FROM shadow_entries WHERE workflow_id = $1 AND challenger_id = $2';
    if (f.since !== undefined) sql += ` AND at >= $${params.push(new Date(f.since).toISOString())}`;
    if (f.until !== undefined) sql += ` AND at < $${params.push(new Date(f.until).toISOString())}`;
    const { rows } = await this.pool.query<{ entry: ShadowEntry }>(`${sql} ORDER BY seq`, params);
    for (const r of rows) visit(r.entry);
  }
}
