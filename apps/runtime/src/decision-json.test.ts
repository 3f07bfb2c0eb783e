import { DecisionJson, STAGES } from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionIds } from './decision-id.ts';
import { decisionLine } from './decision-json.ts';
import type { DecisionLogEntry } from './store.ts';

// Unicode, quotes, backslashes, control characters and lone surrogates: whatever JSON has to escape.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.constantFrom('', 'a"b', 'c\\d', 'e\nf'));
const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY));

describe('decisionLine', () => {
  const line = decisionLine(new DecisionJson());
  it('writes the same text as JSON.stringify for any entry', () => {
    const entry: fc.Arbitrary<DecisionLogEntry> = fc.record({
      decisionId: text,
      workflowId: text,
      version: num,
      leadId: fc.option(text),
      email: fc.option(text),
      route: fc.constantFrom('sales', 'nurture', 'disqualify', null),
      target: fc.option(text),
      routeNodeId: fc.option(text),
      stage: fc.oneof(fc.constantFrom(...STAGES), text as fc.Arbitrary<never>),
      score: num,
      at: text,
    });
    fc.assert(
      fc.property(entry, (e) => {
        expect(line(e)).toBe(JSON.stringify(e));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decisionIds', () => {
  it('sort in the order they were made, within a millisecond and past its 16.7 million ids', () => {
    const next = decisionIds();
    const made = [next(1000), next(1000), next(999), next(1001)];
    for (let i = 0; i < 0xffffff; i++) next(1001);
    made.push(next(1001), next(1001), next(1002), next(5000));
    expect(made.every((id) => /^[0-9a-f]{30}$/.test(id))).toBe(true);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    expect(made[0]!.slice(0, 18)).toBe('0000000003e8000000');
    // The ids after the overflow carry on in the next millisecond.
    expect(made[4]!.slice(0, 12)).toBe((1002).toString(16).padStart(12, '0'));
  });
});
