/**
 * The process the kill -9 test kills (kill9.test.ts): it opens the store in the given folder (or, given
 * `schema=<name>`, the PostgreSQL store in that schema of DATABASE_URL), then hands off leads 20 at a
 * time for as long as it lives, printing `ack <leadId>` once each hand-off is answered.
 */
import { pool, rep, toSales } from './contract/fixtures.ts';
import { openPgHandoffStore } from './pg-store.ts';
import { openHandoffStore } from './sqlite-store.ts';

const place = process.argv[2];
if (!place) throw new Error('usage: kill9-child.ts <dir> | schema=<name>');
const schema = place.startsWith('schema=') ? place.slice('schema='.length) : null;
const store = schema
  ? await openPgHandoffStore({ url: process.env.DATABASE_URL as string, options: `-c search_path=${schema}` })
  : await openHandoffStore({ dir: place });
await store.putPool(pool([rep('ann'), rep('bob'), rep('cy')]));
await store.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ['decision', 'assigned'] });
process.stdout.write('ready\n');

let next = 0;
async function lane() {
  for (;;) {
    const leadId = `L-${next++}`;
    await store.handoff([toSales(leadId, Date.now())]);
    process.stdout.write(`ack ${leadId}\n`);
  }
}
await Promise.all(Array.from({ length: 20 }, lane));
