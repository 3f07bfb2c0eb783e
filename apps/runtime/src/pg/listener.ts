import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { Change, Mirror } from './mirror.ts';

/**
 * One connection that LISTENs for changes and reloads the rows they name. When it is lost (the
 * server restarted, a network cut), it reconnects and reloads everything: notifications sent while it
 * was away are gone.
 */
export class ChangeListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly o: { url: string; options?: string; channel: string; mirror: Mirror; logger: Logger },
  ) {}

  /** Resolves once listening; the caller loads the mirror after this, so no change falls in between. */
  async start(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.o.url,
      // Names the channel, so an operator (or a test) can tell which deployment's listener this is.
      application_name: `qualify-listen ${this.o.channel}`.slice(0, 63),
      ...(this.o.options ? { options: this.o.options } : {}),
    });
    client.on('notification', (n) => {
      if (n.channel !== this.o.channel || !n.payload) return;
      try {
        void this.o.mirror.changed(JSON.parse(n.payload) as Change);
      } catch {
        this.o.logger.error('unreadable change notification', { payload: n.payload });
      }
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN "${this.o.channel}"`);
    this.client = client;
  }

  private lost(client: pg.Client, e: Error) {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.o.logger.error('lost the change notifications; reconnecting', { error: e.message });
    client.end().catch(() => {});
    this.reconnect();
  }

  private reconnect() {
    this.retry = setTimeout(async () => {
      try {
        await this.start();
        await this.o.mirror.loadAll();
        this.o.logger.info('change notifications back; reloaded workflows and keys');
      } catch {
        this.client?.end().catch(() => {});
        this.client = null;
        if (!this.closed) this.reconnect();
      }
    }, 500);
    this.retry.unref();
  }

  get listening() {
    return this.client !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}
