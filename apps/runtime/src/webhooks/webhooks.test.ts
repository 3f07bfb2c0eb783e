// Webhook delivery through HTTP: subscriptions, the outbox written by evaluation, a real receiver on
// loopback that fails, hangs and drops on purpose, retries, dead letters and replay.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { type TestApp, testApp } from '../test-app.ts';
import { docsBlock } from './docs-code.ts';
import { startTestReceiver, type TestReceiver } from './test-receiver.ts';
import { webhookWorkflow } from './webhook-workflow.ts';

let t: TestApp | undefined;
let receiver: TestReceiver | undefined;
afterEach(async () => {
  await t?.close();
  await receiver?.close();
  t = undefined;
  receiver = undefined;
});

/** An app with small webhook settings, a published `web` workflow and a receiver subscribed to `events`. */
async function setup(webhooks: Record<string, number> = {}, events = ['decision']) {
  receiver = await startTestReceiver();
  t = await testApp({
    seed: false,
    // Retries wait real milliseconds: the deliverer and the outbox read the time the app does.
    clock: systemClock,
    webhooks: { pollMs: 20, timeoutMs: 1000, retryHours: 1, concurrency: 4, backoffBaseMs: 20, ...webhooks },
  });
  expect((await t.call('POST', '/v1/workflows', webhookWorkflow())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/web/publish', { note: 'v1' })).status).toBe(201);
  const sub = await t.call('POST', '/v1/subscriptions', { url: receiver.url, events, description: 'test' });
  expect(sub.status).toBe(201);
  return { app: t, receiver, secret: sub.body.secret as string, subscription: sub.body.id as string };
}

const evaluate = async (leadId: string, hot = false) => {
  const res = await t!.call('POST', '/v1/workflows/web/evaluate', { lead: { leadId, hot } });
  expect(res.status).toBe(200);
  return res.body.decisionId as string;
};

const deliveries = async (query = '') =>
  (await t!.call('GET', `/v1/deliveries?limit=500${query}`)).body.items;

describe('subscriptions', () => {
  it('answers the secret once, lists, changes and deletes, admin only', async () => {
    t = await testApp({ seed: false });
    const created = await t.call('POST', '/v1/subscriptions', {
      url: 'https://crm-sync.example.com/qualify',
      events: ['assigned', 'stage.changed'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'https://crm-sync.example.com/qualify',
      events: ['assigned', 'stage.changed'],
      active: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const { id } = created.body;
    const listed = await t.call('GET', '/v1/subscriptions');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].secret).toBeUndefined();
    expect((await t.call('GET', `/v1/subscriptions/${id}`)).body).not.toHaveProperty('secret');

    const patched = await t.call('PATCH', `/v1/subscriptions/${id}`, { active: false, events: ['decision'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, events: ['decision'], url: created.body.url });

    const key = await t.call('POST', '/v1/keys', { name: 'crm', role: 'evaluator' });
    const asEvaluator = { authorization: `Bearer ${key.body.key}` };
    const refused = await t.call('GET', '/v1/subscriptions', undefined, asEvaluator);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', requiredRole: 'admin' });
    expect((await t.call('GET', '/v1/deliveries', undefined, asEvaluator)).status).toBe(200);

    expect((await t.call('DELETE', `/v1/subscriptions/${id}`)).status).toBe(204);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { active: true }],
      ['DELETE', undefined],
    ] as const) {
      const gone = await t.call(method, `/v1/subscriptions/${id}`, body);
      expect(gone.status).toBe(404);
      expect(gone.body).toMatchObject({
        code: 'subscription_not_found',
        detail: expect.stringContaining(id),
      });
    }
  });

  it('refuses a URL that is not http(s), unknown or repeated events, unknown keys', async () => {
    t = await testApp({ seed: false });
    const cases: [unknown, string, RegExp][] = [
      [{ url: 'ftp://example.com/x', events: ['decision'] }, 'url', /http:\/\/ or https:\/\//],
      [{ url: 'https://user:pw@example.com/x', events: ['decision'] }, 'url', /user name or password/],
      [{ url: 'not a url', events: ['decision'] }, 'url', /http/],
      [{ url: 'https://example.com', events: [] }, 'events', /at least one event/],
      [{ url: 'https://example.com', events: ['sold'] }, 'events.0', /decision/],
      [{ url: 'https://example.com', events: ['decision', 'decision'] }, 'events', /each event once/],
      [{ url: 'https://example.com', events: ['decision'], secret: 'mine' }, '', /Unrecognized key/],
    ];
    for (const [body, path, message] of cases) {
      const res = await t.call('POST', '/v1/subscriptions', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.code).toBe('invalid_request');
      expect(res.body.errors[0]).toMatchObject({ path, message: expect.stringMatching(message) });
    }
    const sub = await t.call('POST', '/v1/subscriptions', {
      url: 'https://example.com',
      events: ['decision'],
    });
    const empty = await t.call('PATCH', `/v1/subscriptions/${sub.body.id}`, {});
    expect(empty.status).toBe(422);
    expect(empty.body.detail).toMatch(/at least one of url, events, description, active/);
  });
});

describe('delivery', () => {
  it('POSTs each event signed, with its headers, verifiable with the recipes in docs/webhooks.md', async () => {
    const { secret } = await setup();
    const decisionId = await evaluate('L-1', true);
    const [got] = await receiver!.waitFor((r) => r.length === 1);
    const event = JSON.parse(got!.body);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'decision',
      leadId: 'L-1',
      sequence: expect.any(Number),
      workflow: { id: 'web', version: 1 },
      decisionId,
      data: { route: expect.anything(), stage: expect.any(String), score: 10 },
    });
    expect(got!.method).toBe('POST');
    expect(got!.headers).toMatchObject({
      'content-type': 'application/json',
      'qualify-event': 'decision',
      'qualify-delivery': expect.stringMatching(/^dlv_/),
      'idempotency-key': event.id,
      'qualify-signature': expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });

    // The Node recipe, as a receiver pastes it.
    const dir = mkdtempSync(join(tmpdir(), 'qualify-recipe-'));
    try {
      const nodeFile = join(dir, 'verify.mjs');
      writeFileSync(nodeFile, docsBlock('js', '## Verifying the signature'));
      const { verifyQualifySignature } = await import(nodeFile);
      const signature = got!.headers['qualify-signature'] as string;
      expect(verifyQualifySignature(signature, got!.body, secret)).toBe(true);
      expect(verifyQualifySignature(signature, got!.body.replace('L-1', 'L-2'), secret)).toBe(false);
      expect(verifyQualifySignature(signature, got!.body, 'whsec_wrong')).toBe(false);
      const old = signature.replace(/t=\d+/, (m) => `t=${Number(m.slice(2)) - 600}`);
      expect(verifyQualifySignature(old, got!.body, secret)).toBe(false);

      // The Python recipe, run by python3 on the same bytes.
      const py = join(dir, 'verify.py');
      writeFileSync(
        py,
        `${docsBlock('python', '## Verifying the signature')}\nimport os, sys\nprint(verify_qualify_signature(os.environ["SIG"], sys.stdin.buffer.read(), os.environ["SECRET"]))\n`,
      );
      const run = (body: string, s = secret) =>
        execFileSync('python3', [py], { input: body, env: { ...process.env, SIG: signature, SECRET: s } })
          .toString()
          .trim();
      expect(run(got!.body)).toBe('True');
      expect(run(`${got!.body} `)).toBe('False');
      expect(run(got!.body, 'whsec_wrong')).toBe('False');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // The sender records the attempt after the receiver's answer reaches it: wait for the record rather
    // than read once (the embedded store's thread happened to commit it while python3 ran; a store whose
    // commits need this thread's event loop had not yet).
    let [row] = await deliveries();
    for (let i = 0; i < 100 && row.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      [row] = await deliveries();
    }
    expect(row).toMatchObject({
      id: got!.delivery,
      eventType: 'decision',
      leadId: 'L-1',
      status: 'delivered',
    });
    const detail = (await t!.call('GET', `/v1/deliveries/${row.id}`)).body;
    expect(detail.body).toBe(got!.body);
    expect(detail.url).toBe(receiver!.url);
    expect(detail.headers).toMatchObject({
      'Qualify-Event': 'decision',
      'Qualify-Delivery': row.id,
      'Idempotency-Key': event.id,
    });
    expect(detail.attempts).toEqual([
      {
        attempt: 1,
        at: expect.any(String),
        status: 200,
        error: null,
        durationMs: expect.any(Number),
        ok: true,
      },
    ]);
  });

  it('retries a failed, timed-out or dropped attempt until a 2xx: at least once, the same event each time', async () => {
    const { app } = await setup({ timeoutMs: 300 });
    const plan: Record<number, 'fail' | 'hang' | 'drop'> = { 1: 'fail', 2: 'hang', 3: 'drop' };
    receiver!.behave((r) => plan[r.attempt] ?? 'ok');
    await evaluate('L-2');
    const got = await receiver!.waitFor((r) => r.some((x) => x.answered === 'ok'));
    expect(got.map((r) => r.answered)).toEqual(['fail', 'hang', 'drop', 'ok']);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(new Set(got.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const [row] = await deliveries();
    await expect.poll(async () => (await deliveries())[0].status).toBe('delivered');
    const detail = (await app.call('GET', `/v1/deliveries/${row.id}`)).body;
    expect(detail.attemptCount).toBe(4);
    expect(
      detail.attempts.map((a: { status: number | null; error: string | null }) => [a.status, a.error]),
    ).toEqual([
      [500, 'answered 500: no'],
      [null, 'no answer within 300 ms'],
      [null, expect.stringMatching(/closed before an answer|request failed/)],
      [200, null],
    ]);
    const metrics = (await app.call('GET', '/metrics')).text;
    expect(metrics).toContain('webhook_attempts_total{result="failed"} 3');
    expect(metrics).toContain('webhook_attempts_total{result="delivered"} 1');
    expect(metrics).toContain('webhook_attempts_total{result="dead"} 0');
    expect(metrics).toMatch(/webhook_attempt_duration_seconds_count 4\n/);
  });

  it("keeps a lead's events in order: the second waits while the first is retried; other leads go on", async () => {
    await setup();
    // Each event of L-3 fails its first three attempts.
    receiver!.behave((r) => (r.leadId === 'L-3' && r.attempt <= 3 ? 'fail' : 'ok'));
    await evaluate('L-3');
    await evaluate('L-3', true);
    await evaluate('L-4');
    await evaluate('L-3');
    await receiver!.waitFor((r) => r.filter((x) => x.leadId === 'L-3' && x.answered === 'ok').length === 3);
    const l3 = receiver!.received.filter((r) => r.leadId === 'L-3');
    const sequences = l3.map((r) => JSON.parse(r.body).sequence as number);
    // Every attempt of an event comes before any attempt of the lead's next event.
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(l3.map((r) => r.answered)).toEqual([
      'fail',
      'fail',
      'fail',
      'ok',
      'fail',
      'fail',
      'fail',
      'ok',
      'fail',
      'fail',
      'fail',
      'ok',
    ]);
    // L-4 was evaluated after L-3's first event and went while L-3 was being retried.
    const l4 = receiver!.received.find((r) => r.leadId === 'L-4')!;
    expect(l4.n).toBeLessThan(l3.at(-1)!.n);
  });

  it('gives up after the retry window (dead), and a replay delivers it', async () => {
    await setup({ retryHours: 0.0003 }); // about a second
    receiver!.behave(() => 'fail');
    await evaluate('L-5');
    await expect.poll(async () => (await deliveries('&status=dead')).length, { timeout: 5000 }).toBe(1);
    const [dead] = await deliveries('&status=dead');
    expect(dead).toMatchObject({ leadId: 'L-5', status: 'dead', nextAttemptAt: null, lastStatus: 500 });
    expect(dead.attemptCount).toBeGreaterThan(1);
    expect((await t!.call('GET', '/metrics')).text).toContain('webhook_attempts_total{result="dead"} 1');
    const failed = receiver!.received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver!.received.length).toBe(failed);

    receiver!.behave(() => 'ok');
    const replay = await t!.call('POST', `/v1/deliveries/${dead.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: dead.id, status: 'pending' });
    const got = await receiver!.waitFor((r) => r.some((x) => x.answered === 'ok'));
    expect(got.at(-1)!.headers['idempotency-key']).toBe(got[0]!.headers['idempotency-key']);
    await expect
      .poll(async () => (await t!.call('GET', `/v1/deliveries/${dead.id}`)).body.status)
      .toBe('delivered');
  });

  it('never slows evaluation: leads are answered at once while the receiver hangs', async () => {
    await setup({ timeoutMs: 10_000, concurrency: 2 });
    receiver!.behave(() => 'hang');
    await evaluate('L-warm');
    await receiver!.waitFor((r) => r.length === 1);
    for (let i = 0; i < 20; i++) await evaluate(`L-fast-${i}`);
    // Every evaluation was answered while the first delivery still hung (its attempt is not recorded
    // until the 10 s timeout): answering never waited on the receiver. No timing is asserted.
    const [warm] = await deliveries('&lead=L-warm');
    expect(warm).toMatchObject({ status: 'pending', attemptCount: 0 });
    expect(await deliveries()).toHaveLength(21);
    expect(receiver!.received.length).toBeLessThanOrEqual(2);
  });

  it('lists deliveries by status, lead and event, in pages; 404 and 422 say what is wrong', async () => {
    await setup({}, ['decision']);
    for (const lead of ['L-a', 'L-b', 'L-c']) await evaluate(lead);
    await receiver!.waitFor((r) => r.length === 3);
    await expect.poll(async () => (await deliveries('&status=delivered')).length).toBe(3);
    expect((await deliveries('&lead=L-b')).map((d: { leadId: string }) => d.leadId)).toEqual(['L-b']);
    expect(await deliveries('&event=assigned')).toEqual([]);
    const first = (await t!.call('GET', '/v1/deliveries?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const second = (await t!.call('GET', `/v1/deliveries?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((d: { id: string }) => d.id)).size).toBe(3);

    for (const [query, path] of [
      ['status=lost', 'status'],
      ['event=sold', 'event'],
      ['cursor=page-two', 'cursor'],
      ['limit=0', 'limit'],
    ]) {
      const bad = await t!.call('GET', `/v1/deliveries?${query}`);
      expect(bad.status, query).toBe(422);
      expect(bad.body).toMatchObject({ code: 'invalid_request', errors: [{ path }] });
    }
    for (const [method, path] of [
      ['GET', '/v1/deliveries/dlv_nope'],
      ['POST', '/v1/deliveries/dlv_nope/replay'],
    ] as const) {
      const res = await t!.call(method, path);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('delivery_not_found');
    }
  });
});
