import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { compile, prepare } from '@qualify/rules';
import { Hono } from 'hono';
import { handRoute, handScore } from '../../../packages/rules/bench/hand-written.ts';
import { createApp } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { openHandoffStore } from '../src/handoff/sqlite-store.ts';
import { newApiKey } from '../src/keys.ts';
import { silentLogger } from '../src/logger.ts';
import { openLowdbStore } from '../src/lowdb-store.ts';
import { seedTemplates } from '../src/seed.ts';
import { loadTemplates } from '../src/templates.ts';
import { generateLeads } from './gen.ts';
import { peerApp, peerJudge } from './peer.ts';

/**
 * The two servers the benchmark compares, in one process apart from the load generator:
 * a bare Hono app that parses the same bodies and replies, and the runtime with decision logging on.
 */
const bare = new Hono();
bare.post('/evaluate', async (c) => {
  const body = (await c.req.json()) as { lead: { id?: unknown } };
  return c.json({ id: body.lead.id ?? null });
});
bare.post('/batch', async (c) => {
  const lines = (await c.req.text()).split('\n');
  let out = '';
  lines.forEach((line, i) => {
    if (line)
      out += `${JSON.stringify({ line: i + 1, id: (JSON.parse(line) as { id?: unknown }).id ?? null })}\n`;
  });
  return c.body(out, 200, { 'content-type': 'application/x-ndjson' });
});

/**
 * The answer floor: the bare endpoint replying, for every lead, the runtime's answer to one lead of
 * the same workload (a fixed text, nothing evaluated, nothing logged). What it loses against the bare
 * endpoint is what sending the answer the contract asks for costs by itself.
 */
const sample = prepare(
  compile(loadTemplates().find((t) => t.workflow.id === 'reference-workload')!.workflow as never),
);
const NOW_MS = Date.parse('2026-03-02T09:00:00Z');
const ID = '"decisionId":"019cae4c1a80000000f3a9c1d2e4b5",';
const workflow = { id: 'reference-workload', version: 1 };
/** Of the answers to the benchmark's leads, the one of median length. */
const medianAnswer = (answer: (lead: Record<string, unknown>) => object) => {
  const texts = generateLeads(10_000).map((lead) => `${ID}${JSON.stringify(answer(lead)).slice(1)}`);
  return texts.sort((a, b) => a.length - b.length)[texts.length >> 1]!;
};
const fixed = {
  full: medianAnswer((lead) => ({ ...sample.evaluate(lead, { now: NOW_MS }), workflow })),
  summary: medianAnswer((lead) => ({ workflow, ...sample.decide(lead, { now: NOW_MS }) })),
};
const viewOf = (c: { req: { query: (k: string) => string | undefined } }) =>
  c.req.query('view') === 'summary' ? fixed.summary : fixed.full;
bare.post('/fixed', async (c) => {
  await c.req.json();
  return c.body(`{${viewOf(c)}`, 200, { 'content-type': 'application/json' });
});
bare.post('/fixed/batch', async (c) => {
  const tail = viewOf(c);
  const lines = (await c.req.text()).split('\n');
  let out = '';
  lines.forEach((line, i) => {
    if (line) {
      JSON.parse(line);
      out += `{"line":${i + 1},${tail}\n`;
    }
  });
  return c.body(out, 200, { 'content-type': 'application/x-ndjson' });
});

const dir = mkdtempSync(join(tmpdir(), 'qualify-bench-'));
const { store } = await openLowdbStore({ dir, logger: silentLogger });
const handoff = await openHandoffStore({ dir, clock: systemClock, logger: silentLogger });
await seedTemplates(store, systemClock, loadTemplates());
/**
 * Every request carries an API key, as a deployed client's would: the runtime checks it against its
 * stored hashes (a key always counts, even in local mode), and so does the peer stack.
 */
const { key, row } = newApiKey('bench', 'admin', new Date().toISOString());
await store.createKey(row, {
  action: 'key.created',
  actor: 'bench',
  workflowId: null,
  detail: 'Created the admin key "bench".',
});
// The peer must do the same job: its routes and scores equal the hand-written reference's on the leads.
const judge = peerJudge();
for (const lead of generateLeads(10_000)) {
  const got = judge(lead);
  if (got.route !== handRoute(lead) || got.score !== handScore(lead))
    throw new Error(`The peer stack disagrees with the reference on lead ${JSON.stringify(lead)}`);
}
const peer = peerApp(join(dir, 'peer-decisions.jsonl'), new Set([row.hash]), fixed.full.slice(ID.length));
const runtime = createApp({
  store,
  handoff,
  clock: systemClock,
  config: { keysRequired: false, bodyLimitBytes: 1 << 20 },
});

/**
 * The hand-off scenarios' workflow: the reference workload whose sales route assigns in turn from a
 * pool of eight reps working every day around the clock (so no lead waits for a weekend), published
 * through the API as a user would.
 */
const send = async (method: string, path: string, body: unknown) => {
  const res = await runtime.request(path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
};
const reference = loadTemplates().find((t) => t.workflow.id === 'reference-workload')!.workflow as {
  nodes: { kind: string; data: Record<string, unknown> }[];
};
await send('PUT', '/v1/team/pools/bench', {
  name: 'Bench AEs',
  schedule: {
    timeZone: 'UTC',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    start: '00:00',
    end: '23:59',
  },
  reps: Array.from({ length: 8 }, (_, i) => ({
    id: `rep-${i}`,
    name: `Rep ${i}`,
    email: `rep${i}@example.com`,
  })),
});
await send('POST', '/v1/workflows', {
  ...reference,
  id: 'reference-handoff',
  nodes: reference.nodes.map((n) =>
    n.kind === 'route' && n.data.to === 'sales'
      ? { ...n, data: { ...n.data, assign: { pool: 'bench', method: 'turn' } } }
      : n,
  ),
});
await send('POST', '/v1/workflows/reference-handoff/publish', { note: 'bench' });

/**
 * The shadow scenario's workflow: the reference workload again (so its evaluations cost the same),
 * with a challenger running: version 2, the same rules under a new name, evaluated beside version 1
 * for every lead.
 */
await send('POST', '/v1/workflows', { ...reference, id: 'reference-shadow' });
await send('POST', '/v1/workflows/reference-shadow/publish', { note: 'live' });
await send('PUT', '/v1/workflows/reference-shadow', {
  workflow: { ...reference, id: 'reference-shadow', name: 'Reference workload (challenger)' },
  revision: 1,
});
await send('POST', '/v1/workflows/reference-shadow/publish', { note: 'challenger' });
await send('PUT', '/v1/workflows/reference-shadow/live', { version: 1 });
await send('PUT', '/v1/workflows/reference-shadow/challenger', { version: 2 });

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
    servers.push(s);
  });
const servers: ReturnType<typeof serve>[] = [];
const ports = {
  bare: await listen(bare.fetch),
  runtime: await listen(runtime.fetch),
  peer: await listen(peer.app.fetch),
};
process.stdout.write(`${JSON.stringify({ ...ports, key })}\n`);

process.on('SIGTERM', async () => {
  for (const s of servers) s.close();
  peer.close();
  await handoff.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
