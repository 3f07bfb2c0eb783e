import { describeOutcomes } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { syntheticWorkflow } from '../../bench/synthetic-workflow.ts';

const example = (name: string) => loadExamples().find((e) => e.name === name)!.workflow;

describe('describeOutcomes', () => {
  it('says, for each route, what a lead meets on the way there', () => {
    const outcomes = describeOutcomes(example('bant-inbound-saas'));
    const sales = outcomes.find((o) => o.nodeId === 'toSales')!;
    expect(sales.text).toBe(
      'The lead goes to Sales (inbound-sdr pool, round robin by turn; fallback queue Inbound SDR; high priority): ' +
        'first contact within 4 working hours, 5 touches; when first contact is late: remind the owner at once, ' +
        'then notify the manager after 2 working hours, then reassign to the next eligible rep after 4 working hours.',
    );
    expect(sales.paths).toEqual([
      {
        stage: 'SAL',
        when: [
          'it is not the case that Job title contains any of the words student or intern or Employees is less than 5 (or that is not known)',
          'the total score is 40 or more',
          'BANT hand-off passes: at least 3 of 4 criteria are met (Budget, Authority, Need, Timeline)',
        ],
      },
    ]);
    const newsletter = outcomes.find((o) => o.nodeId === 'toNewsletter')!;
    expect(newsletter.paths[0]!.when.at(-1)).toBe('the total score is below 40');
  });

  it('names every way into a route that several paths reach, with the stage each ends in', () => {
    const reference = describeOutcomes(example('reference-workload'));
    const dq = reference.find((o) => o.nodeId === 'toDq')!;
    expect(dq.paths.map((p) => p.when.at(-1))).toEqual([
      'Country is one of KP, IR, SY or CU or Company size is less than 3',
      'the total score is below 0',
    ]);
    expect(dq.paths.every((p) => p.stage === 'Disqualified')).toBe(true);
    const mql = reference.find((o) => o.nodeId === 'toMqlNurture')!;
    expect(mql.paths.map((p) => p.when.at(-1))).toEqual([
      'BANT does not pass: fewer than 3 of Budget, Authority, Need, Timeline are met (or known)',
      'the total score is 35 or more and below 60',
    ]);
    expect(mql.paths[0]!.when).toContain('the total score is 60 or more');
  });

  it("gives a recycling route's stage as the one its paths end in", () => {
    const wf = structuredClone(example('bant-inbound-saas')) as { nodes: { id: string; data: object }[] };
    const newsletter = wf.nodes.find((n) => n.id === 'toNewsletter')!;
    newsletter.data = { ...newsletter.data, recycle: { stage: 'MQL', reason: 'back to marketing' } };
    const outcome = describeOutcomes(wf).find((o) => o.nodeId === 'toNewsletter')!;
    expect(outcome.text).toBe('The lead goes to Nurture: Newsletter, recycled to MQL.');
    expect(outcome.paths.length).toBeGreaterThan(0);
    expect(outcome.paths.every((p) => p.stage === 'MQL')).toBe(true);
  });

  it('stays bounded on a graph whose paths multiply', () => {
    const outcomes = describeOutcomes(syntheticWorkflow(400));
    const nurture = outcomes.find((o) => o.nodeId === 'nurture')!;
    expect(nurture.paths.length).toBe(20);
    expect(nurture.more).toBeGreaterThan(0);
  });
});
