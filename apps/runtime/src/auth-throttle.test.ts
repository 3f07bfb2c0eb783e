import { afterEach, describe, expect, it } from 'vitest';
import { AuthThrottle } from './auth-throttle.ts';
import { newApiKey } from './keys.ts';
import { KEY_AUDIT, type TestApp, testApp } from './test-app.ts';

let t: TestApp;
afterEach(() => t.close());

/** A clock the test moves; nothing here sleeps. */
function handClock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let now = start;
  return { now: () => now, move: (ms: number) => (now += ms) };
}

async function throttledApp(limit: number) {
  const clock = handClock();
  // One proxy in front, so X-Forwarded-For names the client (the test sends from several addresses).
  t = await testApp({ clock, config: { keysRequired: true, authFailuresPerMinute: limit, trustProxy: 1 } });
  const admin = newApiKey('root', 'admin', '2026-01-01T00:00:00Z');
  await t.store.createKey(admin.row, KEY_AUDIT);
  const me = (from: string, key?: string) =>
    t.call('GET', '/v1/me', undefined, {
      'x-forwarded-for': from,
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
    });
  return { clock, key: admin.key, me };
}

describe('failed authentications, per client address', () => {
  it('are answered 429 with Retry-After past the limit, until the minute from the first is over', async () => {
    const { clock, key, me } = await throttledApp(3);
    const attacker = '203.0.113.7';
    for (let i = 0; i < 3; i++) {
      expect((await me(attacker, `qsk_guess${i}`)).status).toBe(401);
      clock.move(1000);
    }
    const refused = await me(attacker, 'qsk_guess3');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      code: 'too_many_failed_auth',
      title: 'Too many failed authentications from this address',
    });
    expect(refused.body.detail).toMatch(/try again in 57 seconds/);
    const retry = await t.app.request('/v1/me', {
      headers: { 'x-forwarded-for': attacker, authorization: 'Bearer qsk_guess4' },
    });
    expect(retry.headers.get('retry-after')).toBe('57');

    // Refused before the key is checked, else a right guess would still get through.
    expect((await me(attacker, key)).status).toBe(429);
    // Another address is not affected, and keeps its own count.
    expect((await me('198.51.100.1', key)).status).toBe(200);
    expect((await me('198.51.100.1', 'qsk_typo')).status).toBe(401);

    clock.move(30_000);
    const later = await t.app.request('/v1/me', {
      headers: { 'x-forwarded-for': attacker, authorization: 'Bearer qsk_guess5' },
    });
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe('27');

    clock.move(27_000);
    expect((await me(attacker, key)).status).toBe(200);
    expect((await me(attacker, 'qsk_guess6')).status).toBe(401);

    const metrics = await (await t.app.request('/metrics')).text();
    expect(metrics).toMatch(/^auth_throttled_total 4$/m);
    expect(metrics).toMatch(/^auth_throttled_addresses 0$/m);
    expect(metrics).toMatch(/http_errors_total\{code="too_many_failed_auth",status="429"\} 4/);
  });

  it('count only requests that send a key: a request without one is not a guess', async () => {
    const { key, me } = await throttledApp(2);
    for (let i = 0; i < 5; i++) expect((await me('203.0.113.9')).status).toBe(401);
    expect((await me('203.0.113.9', 'qsk_wrong')).status).toBe(401);
    expect((await me('203.0.113.9', key)).status).toBe(200);
  });

  it('are not throttled with AUTH_FAILURES_PER_MINUTE=0', async () => {
    const { me } = await throttledApp(0);
    for (let i = 0; i < 50; i++) expect((await me('203.0.113.7', `qsk_guess${i}`)).status).toBe(401);
  });
});

describe('AuthThrottle', () => {
  it('keeps at most maxAddresses addresses, forgetting the oldest first', () => {
    const clock = handClock();
    const throttle = new AuthThrottle(clock, 2, 100);
    for (let i = 0; i < 250; i++) {
      throttle.failed(`10.0.${i >> 8}.${i & 255}`);
      throttle.failed(`10.0.${i >> 8}.${i & 255}`);
    }
    expect(throttle.tracked).toBe(100);
    expect(throttle.blocked.size).toBe(100);
    expect(throttle.waitFor('10.0.0.249')).toBe(60);
    expect(throttle.waitFor('10.0.0.0')).toBe(0);
  });
});
