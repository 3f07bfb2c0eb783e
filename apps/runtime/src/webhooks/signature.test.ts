import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHeader, verifySignature } from './signature.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"evt_1","type":"assigned","leadId":"L-1"}';
const now = Date.parse('2026-11-27T17:30:00Z');

describe('Qualify-Signature', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body> keyed with the whole secret', () => {
    const header = signHeader(secret, body, now + 999);
    const t = now / 1000;
    // The recipe in docs/webhooks.md, written out with node:crypto alone.
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(verifySignature(header, body, secret, { nowMs: now })).toEqual({ ok: true, t });
  });

  it('refuses a tampered body, a wrong secret, a missing or garbled header', () => {
    const header = signHeader(secret, body, now);
    expect(verifySignature(header, body.replace('L-1', 'L-2'), secret, { nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no v1 signature matches/),
    });
    expect(verifySignature(header, body, 'whsec_other', { nowMs: now }).ok).toBe(false);
    expect(verifySignature(header, body, secret.replace('whsec_', ''), { nowMs: now }).ok).toBe(false);
    expect(verifySignature(undefined, body, secret, { nowMs: now }).ok).toBe(false);
    expect(verifySignature('v1=abc', body, secret, { nowMs: now }).ok).toBe(false);
    expect(verifySignature(header.replace(/v1=\w+/, 'v1=00'), body, secret, { nowMs: now }).ok).toBe(false);
  });

  it('refuses a signature older or newer than the tolerance, so a captured delivery cannot be replayed', () => {
    const header = signHeader(secret, body, now);
    expect(verifySignature(header, body, secret, { nowMs: now + 300_000 }).ok).toBe(true);
    expect(verifySignature(header, body, secret, { nowMs: now + 301_000 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/more than 300 s/),
    });
    expect(verifySignature(header, body, secret, { nowMs: now - 301_000 }).ok).toBe(false);
    expect(verifySignature(header, body, secret, { nowMs: now + 3_600_000, toleranceSeconds: 3600 }).ok).toBe(
      true,
    );
  });

  it('accepts any of several v1 values, as during a secret rotation', () => {
    const t = now / 1000;
    const good = signHeader(secret, body, now).split('v1=')[1];
    expect(verifySignature(`t=${t},v1=deadbeef,v1=${good}`, body, secret, { nowMs: now }).ok).toBe(true);
  });
});
