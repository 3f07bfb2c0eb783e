import { describeWorkflow, type Workflow } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import bant from '../../../../examples/bant-inbound-saas.workflow.json' with { type: 'json' };
import { groupByOutcome } from './group-by-outcome.ts';

describe('SLA view grouping', () => {
  it('puts sales routes first, with the steps that lead to each', () => {
    const doc = bant as unknown as Workflow;
    const outcomes = groupByOutcome(doc, describeWorkflow(doc));
    expect(outcomes.map((o) => o.route.to)).toEqual(['sales', 'nurture', 'nurture', 'disqualify']);
    const sales = outcomes[0]!;
    expect(sales.steps.map((s) => s.sentence.nodeId)).toContain('bant');
    expect(sales.steps.find((s) => s.sentence.nodeId === 'bant')?.via).toEqual(['Pass']);
    expect(outcomes.at(-1)?.steps.map((s) => s.sentence.nodeId)).toEqual(['dq', 'stageDq']);
  });
});
