import type { Workflow } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import bant from '../../../../examples/bant-inbound-saas.workflow.json' with { type: 'json' };
import { groupByOutcome } from './group-by-outcome.ts';

describe('SLA view grouping', () => {
  it('puts sales routes first, each with what a lead meets on the way', () => {
    const outcomes = groupByOutcome(bant as unknown as Workflow);
    expect(outcomes.map((o) => o.route.to)).toEqual(['sales', 'nurture', 'nurture', 'disqualify']);
    const sales = outcomes[0]!;
    expect(sales.paths).toHaveLength(1);
    expect(sales.paths[0]!.when.at(-1)).toMatch(/^BANT hand-off passes: at least 3 of 4 criteria/);
    expect(sales.paths[0]!.stage).toBe('SAL');
    expect(outcomes.at(-1)?.paths[0]?.when).toEqual([
      'Job title contains any of the words student or intern or Employees is less than 5',
    ]);
  });
});
