// The outbox across kill -9 of a real runtime process: every event of an acknowledged evaluation is
// delivered after a restart on the same data folder, and nothing that was not decided is sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../test-server.ts';
import { startTestReceiver, type TestReceiver } from './test-receiver.ts';
import { webhookWorkflow } from './webhook-workflow.ts';

let dir = '';
let server: RunningServer | undefined;
let receiver: TestReceiver | undefined;
afterEach(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

const env = () => ({ DATA_DIR: dir, WEBHOOK_POLL_MS: '20', WEBHOOK_TIMEOUT_MS: '1000' });

describe('the outbox across kill -9', () => {
  it('delivers every acknowledged event after a restart, and only decided ones', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qualify-outbox-crash-'));
    receiver = await startTestReceiver();
    // The receiver is down during the first run: every event waits in the outbox, some in flight.
    receiver.behave(() => 'fail');
    server = await startServer(env());
    expect((await send(server.url, 'POST', '/v1/workflows', webhookWorkflow())).status).toBe(201);
    expect((await send(server.url, 'POST', '/v1/workflows/web/publish', { note: 'v1' })).status).toBe(201);
    const sub = await send(server.url, 'POST', '/v1/subscriptions', {
      url: receiver.url,
      events: ['decision'],
    });
    expect(sub.status).toBe(201);

    const acked = new Map<string, string>(); // decisionId -> leadId
    const sent = new Set<string>();
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const leadId = `L-${w}-${i}`;
        sent.add(leadId);
        try {
          const res = await send(server!.url, 'POST', '/v1/workflows/web/evaluate', { lead: { leadId } });
          if (res.status !== 200) throw new Error(JSON.stringify(res.body));
          acked.set(res.body.decisionId, leadId);
        } catch (e) {
          if (!stop) throw e;
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    // Killed mid-traffic once enough were acknowledged, at a random moment after that.
    await expect.poll(() => acked.size, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(20);
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.allSettled(workers);
    await server.exited;

    receiver.behave(() => 'ok');
    server = await startServer(env());
    const delivered = () =>
      new Set(receiver!.delivered().map((r) => JSON.parse(r.body).decisionId as string));
    await receiver.waitFor(() => [...acked.keys()].every((id) => delivered().has(id)), 20_000);

    // Nothing undecided: every event delivered is for a lead that was sent for evaluation, one event
    // per decision however often it was retried, each with the lead its decision was for.
    const byDecision = new Map<string, Set<string>>();
    for (const r of receiver.delivered()) {
      const event = JSON.parse(r.body);
      expect(sent.has(event.leadId), event.leadId).toBe(true);
      if (acked.has(event.decisionId)) expect(event.leadId).toBe(acked.get(event.decisionId));
      byDecision.set(event.decisionId, (byDecision.get(event.decisionId) ?? new Set()).add(event.id));
    }
    for (const ids of byDecision.values()) expect(ids.size).toBe(1);
    expect(byDecision.size).toBeLessThanOrEqual(sent.size);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);
});
