import type Database from 'better-sqlite3';
import type { KindCtx } from './kind.ts';

/**
 * A database in the thread with its statements prepared once each, by text (`q`): exec() and prepare()
 * parse their SQL every time, which was a quarter of a hand-off's cost. Each kind's context extends it.
 * Texts can name tables (the decision index has one a log file), so at most `limit` are kept: past it,
 * the one prepared longest ago makes room (and is prepared again if it comes back).
 */
export class PreparedCtx implements KindCtx {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    private readonly limit = 1000,
  ) {}

  q(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= this.limit) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** How many statements are kept. */
  get prepared() {
    return this.statements.size;
  }

  close() {
    this.db.close();
  }
}
