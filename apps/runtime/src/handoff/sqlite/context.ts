import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { decisionIds } from '../../decision-id.ts';
import { PreparedCtx } from '../../sqlite-thread/statements.ts';
import { ScheduleCache } from '../rows/convert.ts';
import type { Schedule, Subscription } from '../types.ts';
import { migrate } from './schema.ts';

/** The worker's handle on the database: prepared statements by text, id makers, a cache of subscriptions. */
export class Ctx extends PreparedCtx {
  private readonly timeIds = decisionIds();
  private subscriptions: Subscription[] | null = null;
  private readonly schedules = new ScheduleCache();

  constructor(file: string) {
    super(new Database(file));
    // WAL with synchronous=NORMAL: a commit survives the process being killed (the WAL is in the OS's
    // hands once written); only a power cut can lose the last commits.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // An erased lead's bytes are overwritten, not left in the file's free space (docs/runtime.md).
    this.db.pragma('secure_delete = ON');
    migrate(this.db);
    // One process holds the data folder (data-lock.ts), so a claim found at open belongs to a process
    // that is gone (a crash mid-delivery): those deliveries are due again now, not when the lease ends.
    this.db.prepare('UPDATE deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL').run();
  }

  /** A time-sortable id with a prefix: evt_, sla_, dlv_. */
  id(prefix: string, nowMs: number) {
    return `${prefix}_${this.timeIds(nowMs)}`;
  }

  randomId(prefix: string, bytes = 12) {
    return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
  }

  /** A stored schedule, parsed once (see ScheduleCache). */
  schedule(text: string): Schedule {
    return this.schedules.schedule(text);
  }

  activeSubscriptions(load: () => Subscription[]): Subscription[] {
    this.subscriptions ??= load().filter((s) => s.active);
    return this.subscriptions;
  }

  forgetSubscriptions() {
    this.subscriptions = null;
  }
}

export { iso, json } from '../rows/convert.ts';
