// The real server runs the SLA clock: a lead whose first contact was due long ago is breached by the
// next tick (SLA_TICK_MS), visible in GET /v1/sla, and the server still stops cleanly on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../test-server.ts';
import { emeaPool, handoffWorkflow } from './handoff-workflow.ts';

let dir = '';
let server: RunningServer | undefined;
afterEach(() => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const send = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(server!.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

describe('the SLA clock in the real server', () => {
  it('breaches a timer whose due time has passed at the next tick, and stops with the server', {
    timeout: 120_000,
  }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'qualify-sla-'));
    // Up to a minute to start: the boot is seconds of CPU, which a busy machine gives slowly.
    server = await startServer({ DATA_DIR: dir, SLA_TICK_MS: '100' }, 60_000);
    expect((await send('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
    expect((await send('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
    expect((await send('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
    // Evaluated as of Monday 5 January 2026, 10:00 in Berlin: due at 14:00 that day, long past.
    const d = await send('POST', '/v1/workflows/handoff/evaluate', {
      lead: { leadId: 'OLD-1', hot: true },
      now: '2026-01-05T09:00:00Z',
    });
    expect(d.body.handoff.sla.dueAt).toBe('2026-01-05T13:00:00.000Z');

    let breached: { items: { leadId: string; status: string }[] } = { items: [] };
    for (let i = 0; i < 100 && breached.items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      breached = (await send('GET', '/v1/sla?status=breached')).body;
    }
    expect(breached.items).toMatchObject([{ leadId: 'OLD-1', status: 'breached' }]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/stopped cleanly/);
  });
});
