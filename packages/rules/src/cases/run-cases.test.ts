import {
  compare as c,
  compile,
  describeTestRun,
  evaluate,
  runTestCases,
  type TestCase,
  TestCaseSchema,
  testCaseFromDecision,
  testCaseId,
  validate,
  type WorkflowInput,
  WorkflowInvalidError,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { NOW, workflow } from '../testing/build.ts';

/** Big companies (size ≥ 50) score 30 and go through the "Fit" gate; 60 points is sales, the rest nurture. */
function flow(testCases: unknown[] = []): WorkflowInput {
  const wf = workflow(
    [
      { id: 'start', kind: 'start' },
      {
        id: 'fit',
        kind: 'score',
        label: 'Fit',
        data: {
          scoreType: 'fit',
          cap: null,
          rules: [
            { id: 'big', label: 'Big', condition: c('size', 'gte', 50), points: 30 },
            { id: 'vp', label: 'VP', condition: c('title', 'contains', 'vp'), points: 30 },
          ],
        },
      },
      {
        id: 'gate',
        kind: 'gate',
        label: 'Fit check',
        data: {
          framework: 'custom',
          criteria: [{ id: 'size', label: 'Size', condition: c('size', 'gte', 50), weight: 1 }],
          pass: { rule: 'atLeast', count: 1 },
        },
      },
      {
        id: 'tiers',
        kind: 'branch',
        label: 'Hot?',
        data: { on: 'total', tiers: [{ id: 'hot', label: 'Hot', min: 60 }] },
      },
      { id: 'sql', kind: 'stage', data: { stage: 'SQL' } },
      {
        id: 'sales',
        kind: 'route',
        data: { to: 'sales', queue: 'Inbound SDR', sla: { firstContactHours: 4, touches: 3 } },
      },
      { id: 'nurture', kind: 'route', data: { to: 'nurture', track: '30-day drip' } },
    ],
    [
      ['start', 'next', 'fit'],
      ['fit', 'next', 'gate'],
      ['gate', 'pass', 'tiers'],
      ['gate', 'fail', 'nurture'],
      ['tiers', 'hot', 'sql'],
      ['tiers', 'else', 'nurture'],
      ['sql', 'next', 'sales'],
    ],
  );
  return { ...wf, testCases } as WorkflowInput;
}

const hot: TestCase = {
  id: 'hot-vp',
  name: 'Hot VP',
  lead: { size: 200, title: 'VP Sales' },
  now: NOW,
  expect: { route: 'sales', target: 'Inbound SDR', stage: 'SQL', score: 60, fit: 60, gates: { gate: true } },
};
const small: TestCase = {
  id: 'small',
  name: 'Small company',
  lead: { size: 5, title: 'VP Sales' },
  now: NOW,
  expect: { route: 'nurture', target: '30-day drip', stage: 'Lead', score: 30, gates: { gate: false } },
};

describe('runTestCases', () => {
  it("runs the workflow's own cases and passes those whose decision matches", () => {
    const run = runTestCases(flow([hot, small]));
    expect(run).toMatchObject({ passed: 2, failed: 0 });
    expect(run.results.map((r) => [r.id, r.passed])).toEqual([
      ['hot-vp', true],
      ['small', true],
    ]);
    expect(run.results[0]!.actual).toEqual({
      route: 'sales',
      target: 'Inbound SDR',
      stage: 'SQL',
      score: 60,
      fit: 60,
      engagement: 0,
    });
    expect(describeTestRun(run)).toBe('All 2 test cases pass.');
  });

  it('names each difference in a sentence', () => {
    const wrong: TestCase = {
      ...hot,
      lead: { size: 200, title: 'Manager' },
      expect: { ...hot.expect, engagement: 5 },
    };
    const [result] = runTestCases(flow(), [wrong]).results;
    expect(result!.passed).toBe(false);
    expect(result!.failures.map((f) => [f.what, f.expected, f.actual])).toEqual([
      ['route', 'Sales', 'Nurture'],
      ['stage', 'SQL', 'Lead'],
      ['score', '60', '30'],
      ['fit', '60', '30'],
      ['engagement', '5', '0'],
    ]);
    expect(result!.failures[0]!.sentence).toBe('Expected route Sales, got Nurture (Nurture: 30-day drip).');
    expect(result!.failures[2]!.sentence).toBe('Expected score 60, got 30.');
  });

  it('checks the target only where the route is right, and gates by id', () => {
    const run = runTestCases(flow(), [
      { ...small, expect: { ...small.expect, target: 'Newsletter', gates: { gate: true } } },
    ]);
    expect(run.results[0]!.failures.map((f) => f.sentence)).toEqual([
      'Expected Nurture target Newsletter, got 30-day drip.',
      'Expected gate "Fit check" passed, got failed.',
    ]);
    expect(run.results[0]!.failures[1]!.gateId).toBe('gate');
  });

  it('reports a gate the lead never reached, and a case expecting no route', () => {
    const [r] = runTestCases(flow(), [
      { ...small, expect: { route: null, stage: 'Lead', gates: { other: true } } },
    ]).results;
    expect(r!.failures.map((f) => f.sentence)).toEqual([
      'Expected no route, got Nurture (Nurture: 30-day drip).',
      'Expected gate "other" passed, got not reached.',
    ]);
    expect(
      describeTestRun(runTestCases(flow(), [{ ...small, expect: { route: null, stage: 'Lead' } }])),
    ).toBe('1 of 1 test case fails: Small company (expected no route, got Nurture).');
  });

  it('names a gate the lead never reached by its step label, not its id', () => {
    // The score step leads past the gate: no lead reaches "Fit check" now.
    const wf = flow();
    const bypass = { ...wf, edges: wf.edges.map((e) => (e.from === 'fit' ? { ...e, to: 'tiers' } : e)) };
    const [r] = runTestCases(bypass, [
      { ...small, expect: { ...small.expect, gates: { gate: true } } },
    ]).results;
    expect(r!.failures.map((f) => f.sentence)).toEqual([
      'Expected gate "Fit check" passed, got not reached.',
    ]);
  });

  it('compares scores within 1e-9 and evaluates each case at its own time and stored stage', () => {
    const close: TestCase = { ...hot, expect: { ...hot.expect, score: 60 + 1e-12 } };
    const kept: TestCase = {
      ...small,
      id: 'kept',
      currentStage: 'SQL',
      expect: { ...small.expect, stage: 'SQL' },
    };
    const run = runTestCases(flow(), [close, kept]);
    expect(run.failed).toBe(0);
    const wrongStage = runTestCases(flow(), [{ ...kept, currentStage: undefined }]);
    expect(wrongStage.results[0]!.failures.map((f) => f.what)).toEqual(['stage']);
  });

  it('sums up failing cases in one sentence', () => {
    const run = runTestCases(flow(), [
      hot,
      { ...hot, id: 'b', name: 'Second', lead: { size: 1 } },
      { ...small, id: 'c', name: 'Third', expect: { ...small.expect, stage: 'MQL' } },
    ]);
    expect(describeTestRun(run)).toBe(
      '2 of 3 test cases fail: Second (expected route Sales, got Nurture; expected stage SQL, got Lead; ' +
        'expected score 60, got 0; expected fit score 60, got 0; expected gate "Fit check" passed, got failed); ' +
        'Third (expected stage MQL, got Lead).',
    );
    expect(describeTestRun({ passed: 0, failed: 0, results: [] })).toBe('The workflow has no test cases.');
  });

  it('throws only when the workflow does not compile', () => {
    const broken = flow([hot]);
    (broken.edges as unknown[]).pop();
    expect(() => runTestCases(broken)).toThrow(WorkflowInvalidError);
    // A broken case of the document does not stop cases given apart.
    expect(runTestCases(flow([{ id: 'x' }]), [hot]).passed).toBe(1);
    expect(() => runTestCases(flow([{ id: 'x' }]))).toThrow(WorkflowInvalidError);
  });
});

describe('testCaseFromDecision', () => {
  it('expects exactly what the decision did, and passes when run', () => {
    const wf = flow();
    const lead = { size: 200, title: 'VP of Sales' };
    const decision = evaluate(compile(wf), lead, { now: NOW });
    const tc = testCaseFromDecision({ id: 'saved', name: 'Saved', lead, now: NOW }, decision);
    expect(TestCaseSchema.parse(tc)).toEqual(tc);
    expect(tc.expect).toEqual({
      route: 'sales',
      target: 'Inbound SDR',
      stage: 'SQL',
      score: 60,
      gates: { gate: true },
    });
    expect(runTestCases({ ...wf, testCases: [tc] }).passed).toBe(1);
  });

  it('keeps the stored stage it was evaluated with', () => {
    const wf = flow();
    const lead = { size: 1 };
    const decision = evaluate(compile(wf), lead, { now: NOW, currentStage: 'SAL' });
    const tc = testCaseFromDecision({ id: 'k', name: 'K', lead, now: NOW, currentStage: 'SAL' }, decision);
    expect(tc.currentStage).toBe('SAL');
    expect(tc.expect.stage).toBe('SAL');
    expect(runTestCases(wf, [tc]).passed).toBe(1);
  });
});

describe('test cases in the document', () => {
  it('validate reports a broken case by its path and still checks the steps', () => {
    const wf = flow([hot, { ...small, now: 'yesterday' }, { ...small, name: '' }]);
    const issues = validate(wf);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['test_case_invalid', 'testCases.1.now'],
      ['test_case_invalid', 'testCases.2.name'],
    ]);
    expect(issues[0]!.message).toContain('Small company');
  });

  it('validate refuses two cases with one id, and warns of an expected gate that is not a gate', () => {
    const issues = validate(flow([hot, { ...hot, expect: { ...hot.expect, gates: { tiers: true } } }]));
    expect(issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['test_case_invalid', 'error', 'testCases.1.id'],
    ]);
    const warned = validate(flow([{ ...hot, expect: { ...hot.expect, gates: { tiers: true } } }]));
    expect(warned.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['test_case_unknown_gate', 'warning', 'testCases.0.expect.gates.tiers'],
    ]);
  });

  it('a document without test cases reads as having none, and they never reach the artifact', () => {
    const { testCases: _, ...without } = flow([hot]);
    expect(validate(without)).toEqual([]);
    expect(JSON.stringify(compile(flow([hot])))).toBe(JSON.stringify(compile(without)));
  });
});

describe('testCaseId', () => {
  it('slugs a name and avoids taken ids', () => {
    expect(testCaseId('Hot inbound VP')).toBe('hot-inbound-vp');
    expect(testCaseId('Hot inbound VP', ['hot-inbound-vp'])).toBe('hot-inbound-vp-2');
    expect(testCaseId('Größe & Co.!')).toBe('gro-e-co');
    expect(testCaseId('!!!')).toBe('case');
  });
});
