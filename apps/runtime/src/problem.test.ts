import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_TITLES } from './problem.ts';
import { type TestApp, testApp } from './test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A title reads as a short sentence: a capital first, a few words, no code spelling. */
const isSentence = (title: unknown, code: string) =>
  typeof title === 'string' &&
  title !== code &&
  /^[A-Z]/.test(title) &&
  !title.includes('_') &&
  title.trim().split(/\s+/).length >= 3;

describe('problem titles', () => {
  it('every code in the title table has a sentence as its title', () => {
    const codes = Object.keys(PROBLEM_TITLES);
    expect(codes.length).toBeGreaterThan(20);
    for (const [code, title] of Object.entries(PROBLEM_TITLES)) {
      expect([code, isSentence(title, code)]).toEqual([code, true]);
    }
  });

  it('answers every problem with a sentence title, including the rarer codes', async () => {
    t = await testApp();
    const answers = [
      await t.call('POST', '/v1/workflows/anum-services/publish', { note: 'again' }),
      await t.call('GET', '/v1/nothing'),
      await t.call('POST', '/v1/workflows/anum-services/evaluate', '{'),
      await t.call('GET', '/v1/workflows/nope'),
    ];
    await t.store.close();
    answers.push(await t.call('GET', '/readyz'));
    const codes = answers.map((a) => a.body.code);
    expect(codes).toEqual([
      'nothing_to_publish',
      'not_found',
      'invalid_json',
      'workflow_not_found',
      'not_ready',
    ]);
    for (const a of answers) {
      expect(a.type).toContain('application/problem+json');
      expect([a.body.code, isSentence(a.body.title, a.body.code)]).toEqual([a.body.code, true]);
    }
  });
});

describe('what a problem echoes', () => {
  it('cuts a huge key or value to 80 characters with "…", in every message, and keeps the answer small', async () => {
    t = await testApp({ config: { bodyLimitBytes: 2 * 1024 * 1024 } });
    const huge = 'k'.repeat(900_000);
    const long = 'k'.repeat(15_000);
    const { workflow } = (await t.call('GET', '/v1/workflows/anum-services')).body;
    const csv = { 'content-type': 'text/csv' };
    const cases: [string, string, unknown, Record<string, string>?][] = [
      ['POST', '/v1/workflows/anum-services/validate', { workflow, [huge]: 1 }],
      ['POST', '/v1/workflows/anum-services/compile', { [huge]: 1, [`${huge}2`]: 2 }],
      ['PUT', `/v1/workflows/${long}`, { workflow, revision: 1 }],
      ['POST', '/v1/workflows/anum-services/evaluate', { lead: [], [huge]: 1 }],
      ['POST', `/v1/workflows/anum-services/evaluate?version=${long}`, { lead: {} }],
      ['POST', '/v1/workflows/anum-services/evaluate', '{}', { 'content-type': `application/${long}` }],
      [
        'POST',
        `/v1/workflows/anum-services/backtest?outcome=won&mapping=${encodeURIComponent(`{"${long}":"${long}"}`)}`,
        'email,won\na@b.c,1\n',
        csv,
      ],
      ['POST', `/v1/workflows/anum-services/backtest?outcome=${'k'.repeat(150)}`, `email,${long}\n`, csv],
      ['GET', `/v1/${long}`, undefined],
    ];
    for (const [method, path, body, headers] of cases) {
      const res = await t.call(method, path, body, headers);
      const where = `${method} ${path.slice(0, 60)}`;
      expect([where, res.status >= 400 && res.status < 500]).toEqual([where, true]);
      expect([where, res.type]).toEqual([where, 'application/problem+json']);
      expect([where, res.text.length < 2000]).toEqual([where, true]);
      expect([where, /k{81}/.test(res.text)]).toEqual([where, false]);
    }
    const unknown = await t.call('POST', '/v1/workflows/anum-services/validate', { workflow, [huge]: 1 });
    expect(unknown.body.detail).toBe(`body: Unrecognized key: "${'k'.repeat(79)}…"`);
    expect(unknown.body.errors).toEqual([{ path: '', message: unknown.body.detail.slice(6) }]);
  });

  it('names a few unknown keys and counts the rest', async () => {
    t = await testApp();
    const body = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, i]));
    const res = await t.call('POST', '/v1/workflows/anum-services/compile', body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe(
      'body: Unrecognized keys: "key0", "key1", "key2", "key3", "key4" and 1995 more',
    );
  });
});
