import { readFileSync } from 'node:fs';
import { compile, prepare, runTestCases, type Workflow, WorkflowSchema } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { acceptResult, addCaseFromRun, defaultCaseName, removeCase } from './new-case.ts';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../examples/${name}`, import.meta.url), 'utf8'));
const bant = { ...WorkflowSchema.parse(read('bant-inbound-saas.workflow.json')), testCases: [] } as Workflow;
const samples = read('bant-inbound-saas.leads.json') as {
  name: string;
  now: string;
  lead: Record<string, unknown>;
}[];

/** A run as the test panel leaves it: the decision the draft made for a sample lead. */
function runOf(doc: Workflow, i: number, sample = samples[i]!.name) {
  const s = samples[i]!;
  const decision = prepare(compile(doc)).evaluate(s.lead, { now: Date.parse(s.now) });
  return { decision, lead: s.lead, sample };
}

describe('saving a test-panel run as a test case', () => {
  it('expects what the run did, so it passes against the draft it was saved from', () => {
    let doc = bant;
    for (let i = 0; i < samples.length; i++) doc = addCaseFromRun(doc, runOf(doc, i)).doc;
    expect(doc.testCases.map((c) => c.name)).toEqual(samples.map((s) => s.name));
    const run = runTestCases(doc);
    expect(run).toMatchObject({ passed: samples.length, failed: 0 });
  });

  it('fails once the workflow routes the lead elsewhere', () => {
    const { doc, testCase } = addCaseFromRun(bant, runOf(bant, 0));
    expect(testCase.expect.route).toBe('sales');
    // The MQL threshold out of reach: the hot lead now goes to the newsletter instead of sales.
    const cut = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'tiers'
          ? { ...n, data: { ...(n.data as object), tiers: [{ id: 'mql', label: 'MQL', min: 200 }] } }
          : n,
      ),
    };
    const run = runTestCases(cut);
    expect(run.failed).toBe(1);
    expect(run.results[0]?.failures.map((f) => f.what)).toContain('route');
    expect(run.results[0]?.failures[0]?.sentence).toMatch(/Sales/);
  });

  it('accepts the new result of a meant change, updating only what the case checks', () => {
    const { doc, testCase } = addCaseFromRun(bant, runOf(bant, 0));
    const checked = { ...testCase, expect: { route: testCase.expect.route, stage: testCase.expect.stage } };
    const cut = {
      ...doc,
      testCases: [checked],
      nodes: doc.nodes.map((n) =>
        n.id === 'tiers'
          ? { ...n, data: { ...(n.data as object), tiers: [{ id: 'mql', label: 'MQL', min: 200 }] } }
          : n,
      ),
    };
    expect(runTestCases(cut).failed).toBe(1);
    const accepted = acceptResult(cut, testCase.id);
    expect(runTestCases(accepted)).toMatchObject({ passed: 1, failed: 0 });
    // Route and stage follow the draft; the score the case never checked stays unchecked.
    expect(accepted.testCases[0]!.expect).toEqual({ route: 'nurture', stage: 'Lead' });
    expect(accepted.testCases[0]!.lead).toBe(testCase.lead);
    expect(acceptResult(cut, 'no-such-case')).toBe(cut);
  });

  it('gives each case its own name and id, and removes one by id', () => {
    const first = addCaseFromRun(bant, runOf(bant, 0));
    const second = addCaseFromRun(first.doc, runOf(first.doc, 0));
    expect(second.testCase.name).toBe('Hot inbound VP (2)');
    expect(second.testCase.id).not.toBe(first.testCase.id);
    expect(removeCase(second.doc, first.testCase.id).testCases.map((c) => c.id)).toEqual([
      second.testCase.id,
    ]);
  });

  it('names a case after its sample, else the lead id, else its number', () => {
    const withId: Workflow = {
      ...bant,
      fields: [
        ...bant.fields,
        { path: 'crmId', label: 'CRM id', type: 'string', category: 'fit', leadId: true },
      ],
    } as Workflow;
    const run = runOf(withId, 0, '');
    expect(defaultCaseName(withId, { ...run, lead: { ...run.lead, crmId: 'L-7' } })).toBe('Lead L-7');
    expect(defaultCaseName(withId, run)).toBe('Test lead 1');
    expect(defaultCaseName(bant, runOf(bant, 1))).toBe('MBA student');
  });
});
