import type Database from 'better-sqlite3';
import type { KindCtx } from './kind.ts';

/**
 * A database in the thread with its statements prepared once each, by text (`q`): exec() and prepare()
 * parse their SQL every time, which was a quarter of a hand-off's cost. Each kind's context extends it.
 */
export class PreparedCtx implements KindCtx {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  q(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close() {
    this.db.close();
  }
}
