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
