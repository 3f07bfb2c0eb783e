// The README's decision receipt example stays true on any date: its request, sent to a runtime seeded
// with the examples, gets the answer the README shows (the decision id aside, which is new each time).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../apps/runtime/src/test-app.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## The decision receipt'));

/** The JSON after `-d '` in the section's first curl command, and the jsonc answer shown below it. */
function example() {
  const curl = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const request = JSON.parse(/-d '([\s\S]*?)'/.exec(curl)![1]!);
  const path = /(\/v1\/[^ ]+)/.exec(curl)![1]!;
  const jsonc = /```jsonc\n([\s\S]*?)```/.exec(section)![1]!;
  // The example elides lists with "..." after their first element: keep what it shows.
  const answer = JSON.parse(jsonc.replace(/, "\.\.\."/g, ''));
  return { path, request, answer };
}

describe("the README's decision receipt", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('is what the runtime answers to the request it shows', async () => {
    const { path, request, answer } = example();
    expect(request.now).toBeTypeOf('string');
    const res = await t.call('POST', path, request);
    expect(res.status).toBe(200);
    const got = res.body;
    for (const key of [
      'workflow',
      'route',
      'stage',
      'sla',
      'path',
      'nextQuestions',
      'dataIssues',
      'evaluatedAt',
      'priorStage',
      'stageKept',
      'handoff',
    ]) {
      expect(got[key], key).toEqual(answer[key]);
    }
    expect(got.score).toMatchObject({
      total: answer.score.total,
      fit: answer.score.fit,
      engagement: answer.score.engagement,
    });
    expect(got.score.contributions[0]).toEqual(answer.score.contributions[0]);
    expect(got.gates[0]).toMatchObject({ ...answer.gates[0], criteria: expect.any(Array) });
    expect(got.gates[0].criteria[0]).toEqual(answer.gates[0].criteria[0]);
    expect(got.reasons[1]).toBe(answer.reasons[1]);
    expect(got.reasons[0]).toMatch(answer.reasons[0].replace('...', ''));
  });
});
