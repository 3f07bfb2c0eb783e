import { afterEach, describe, expect, it } from 'vitest';
import { startTestReceiver, type TestReceiver } from './test-receiver.ts';

let receiver: TestReceiver;
afterEach(() => receiver.close());

const post = (url: string, body: unknown, delivery: string, timeoutMs = 2000) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'qualify-delivery': delivery },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });

describe('the test receiver', () => {
  it('records raw bodies and answers as told: per lead, per attempt, fail, hang, drop', async () => {
    receiver = await startTestReceiver();
    receiver.behave((r) =>
      r.leadId === 'L-fail'
        ? 'fail'
        : r.leadId === 'L-hang'
          ? 'hang'
          : r.leadId === 'L-drop'
            ? 'drop'
            : r.attempt === 1
              ? 503
              : 'ok',
    );
    expect((await post(receiver.url, { leadId: 'L-fail', type: 'assigned' }, 'dlv_1')).status).toBe(500);
    await expect(post(receiver.url, { leadId: 'L-hang' }, 'dlv_2', 200)).rejects.toThrow(/abort|timeout/i);
    await expect(post(receiver.url, { leadId: 'L-drop' }, 'dlv_3')).rejects.toThrow();
    expect((await post(receiver.url, { leadId: 'L-ok' }, 'dlv_4')).status).toBe(503);
    expect((await post(receiver.url, { leadId: 'L-ok' }, 'dlv_4')).status).toBe(200);
    const got = await receiver.waitFor((r) => r.length === 5);
    expect(got.map((r) => [r.n, r.leadId, r.attempt, r.answered])).toEqual([
      [1, 'L-fail', 1, 'fail'],
      [2, 'L-hang', 1, 'hang'],
      [3, 'L-drop', 1, 'drop'],
      [4, 'L-ok', 1, 503],
      [5, 'L-ok', 2, 'ok'],
    ]);
    expect(got[0]!.body).toBe('{"leadId":"L-fail","type":"assigned"}');
    expect(got[0]!.event).toBe('assigned');
    expect(receiver.delivered().map((r) => r.n)).toEqual([5]);
  });

  it('says what it got when the wait times out', async () => {
    receiver = await startTestReceiver();
    await expect(receiver.waitFor((r) => r.length > 0, 50)).rejects.toThrow(/got 0 requests/);
  });
});
