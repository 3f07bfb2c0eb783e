import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a delivery is signed in, in the style of Stripe's and GitHub's. */
export const SIGNATURE_HEADER = 'Qualify-Signature';

/** How far a signature's time may be from the receiver's clock before it is refused: 5 minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `t + "." + body` keyed with the whole secret text, `whsec_` included. */
export const signatureOf = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/**
 * The `Qualify-Signature` value for a body sent at `nowMs`: `t=<unix seconds>,v1=<hex>`. The time is
 * inside what is signed, so a captured delivery cannot be replayed later with a fresh time.
 */
export function signHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

export type Verdict = { ok: true; t: number } | { ok: false; reason: string };

/**
 * What a receiver does with a delivery (docs/webhooks.md has the same recipe to paste): read `t`
 * and every `v1` from the header, refuse a time outside the tolerance, then compare the expected
 * signature with each `v1` in constant time. `body` is the raw request body, exactly as received.
 */
export function verifySignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  { nowMs = Date.now(), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = {},
): Verdict {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  let t = Number.NaN;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) t = Number(value);
    else if (key === 'v1') v1.push(value);
  }
  if (!Number.isFinite(t) || v1.length === 0) return { ok: false, reason: 'the header has no t= or no v1=' };
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds) {
    return { ok: false, reason: `the signature's time is more than ${toleranceSeconds} s from now` };
  }
  const expected = Buffer.from(signatureOf(secret, t, body), 'utf8');
  const matches = v1.some((s) => {
    const given = Buffer.from(s, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, t } : { ok: false, reason: 'no v1 signature matches the body and secret' };
}
