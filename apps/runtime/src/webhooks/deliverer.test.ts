// The deliverer against a list standing in for the outbox (the store's own claim rules, such as order
// per lead, are tested with the store and through HTTP in webhooks.test.ts): what it sends, how many
// at once, what it records, how it stops.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import type { AttemptInput, ClaimedDelivery } from '../handoff/types.ts';
import { silentLogger } from '../logger.ts';
import { Deliverer, type Outbox } from './deliverer.ts';
import { verifySignature } from './signature.ts';
import { startTestReceiver, type TestReceiver } from './test-receiver.ts';

let receiver: TestReceiver;
let deliverer: Deliverer | undefined;
afterEach(async () => {
  await deliverer?.close();
  await receiver.close();
});

/** Deliveries due now, each offered until an attempt is recorded; attempts kept per delivery. */
function listOutbox(url: string, n: number) {
  const waiting: ClaimedDelivery[] = Array.from({ length: n }, (_, i) => ({
    id: `dlv_${i}`,
    subscriptionId: 'sub_1',
    url,
    secret: 'whsec_list',
    eventId: `evt_${i}`,
    eventType: 'decision',
    leadId: `L-${i}`,
    sequence: 1,
    body: JSON.stringify({ id: `evt_${i}`, type: 'decision', leadId: `L-${i}` }),
    attempt: 1,
    createdAt: Date.now(),
    leaseUntil: 0,
  }));
  const attempts = new Map<string, AttemptInput[]>();
  const outbox: Outbox = {
    async claimDeliveries(now, limit, leaseMs = 60_000) {
      const due = waiting.filter((d) => d.leaseUntil <= now).slice(0, limit);
      for (const d of due) d.leaseUntil = now + leaseMs;
      return due.map((d) => ({ ...d }));
    },
    async recordAttempt(id, a) {
      attempts.set(id, [...(attempts.get(id) ?? []), a]);
      const d = waiting.find((w) => w.id === id)!;
      if (a.ok || a.nextAttemptAt === null) waiting.splice(waiting.indexOf(d), 1);
      else Object.assign(d, { leaseUntil: a.nextAttemptAt, attempt: d.attempt + 1 });
    },
  };
  return { outbox, attempts, waiting };
}

const config = { retryHours: 1, timeoutMs: 1000, pollMs: 20, concurrency: 3 };

describe('Deliverer', () => {
  it('sends each delivery signed with its headers, at most `concurrency` at once', async () => {
    receiver = await startTestReceiver();
    let open = 0;
    let most = 0;
    receiver.behave(() => {
      most = Math.max(most, ++open);
      return 'hang';
    });
    const { outbox, attempts } = listOutbox(receiver.url, 10);
    deliverer = new Deliverer({ outbox, clock: systemClock, config, logger: silentLogger }).start();
    deliverer.wake();
    await receiver.waitFor((r) => r.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(3);
    expect(most).toBe(3);
    const first = receiver.received[0]!;
    expect(first.headers).toMatchObject({
      'qualify-event': 'decision',
      'qualify-delivery': first.delivery,
      'idempotency-key': JSON.parse(first.body).id,
      'content-type': 'application/json',
    });
    expect(verifySignature(first.headers['qualify-signature'] as string, first.body, 'whsec_list').ok).toBe(
      true,
    );

    // Stopping cuts the requests in flight and records them to be sent again at once.
    await deliverer.close();
    expect([...attempts.values()].flat()).toEqual(
      Array.from({ length: 3 }, () => ({
        at: expect.any(Number),
        status: undefined,
        error: 'the runtime stopped before an answer came',
        durationMs: expect.any(Number),
        ok: false,
        nextAttemptAt: expect.any(Number),
      })),
    );
    deliverer = undefined;
  });

  it('records each attempt: 2xx delivered, else the status or why, and the next try or dead', async () => {
    receiver = await startTestReceiver();
    receiver.behave((r) => (r.leadId === 'L-0' ? 'ok' : r.leadId === 'L-1' ? 302 : 'fail'));
    const { outbox, attempts } = listOutbox(receiver.url, 3);
    const queued = Date.now();
    deliverer = new Deliverer({
      outbox,
      clock: systemClock,
      config: { ...config, retryHours: 0.0003 }, // 1080 ms
      logger: silentLogger,
      backoffBaseMs: 10,
    }).start();
    deliverer.wake();
    await expect.poll(() => attempts.get('dlv_2')?.at(-1)?.nextAttemptAt, { timeout: 5000 }).toBeNull();
    expect(attempts.get('dlv_0')).toEqual([
      expect.objectContaining({ ok: true, status: 200, nextAttemptAt: null }),
    ]);
    expect(attempts.get('dlv_1')![0]).toMatchObject({ ok: false, status: 302, error: 'answered 302: no' });
    const tries = attempts.get('dlv_2')!;
    expect(tries.length).toBeGreaterThan(1);
    for (const a of tries) expect(a).toMatchObject({ ok: false, status: 500, error: 'answered 500: no' });
    for (const a of tries.slice(0, -1)) expect(a.nextAttemptAt).toBeLessThanOrEqual(queued + 1080);
  });

  it('says why an attempt got no answer: a timeout, a refused connection', async () => {
    receiver = await startTestReceiver();
    receiver.behave(() => 'hang');
    const { outbox, attempts } = listOutbox(receiver.url, 1);
    deliverer = new Deliverer({
      outbox,
      clock: systemClock,
      config: { ...config, timeoutMs: 150 },
      logger: silentLogger,
    });
    deliverer.start().wake();
    await expect.poll(() => attempts.has('dlv_0')).toBe(true);
    expect(attempts.get('dlv_0')![0]).toMatchObject({ error: 'no answer within 150 ms', ok: false });
    expect(attempts.get('dlv_0')![0]!.durationMs).toBeGreaterThanOrEqual(140);
    await deliverer.close();

    const closed = await startTestReceiver();
    const url = closed.url;
    await closed.close();
    const refused = listOutbox(url, 1);
    deliverer = new Deliverer({ outbox: refused.outbox, clock: systemClock, config, logger: silentLogger });
    deliverer.start().wake();
    await expect.poll(() => refused.attempts.get('dlv_0')?.[0]?.error).toMatch(/refused/);
  });
});
