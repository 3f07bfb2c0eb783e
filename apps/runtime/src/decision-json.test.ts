import { loadExamples } from '@qualify/examples';
import { compile, prepare, STAGES } from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLeads } from '../bench/gen.ts';
import { decisionIds } from './decision-id.ts';
import { decisionLine, summaryJson, workflowJson } from './decision-json.ts';
import type { DecisionLogEntry } from './store.ts';

// Unicode, quotes, backslashes, control characters and lone surrogates: whatever JSON has to escape.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.constantFrom('', 'a"b', 'c\\d', 'e\nf'));
const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY));

describe('decisionLine', () => {
  it('writes the same text as JSON.stringify for any entry', () => {
    const entry: fc.Arbitrary<DecisionLogEntry> = fc.record({
      decisionId: text,
      workflowId: text,
      version: num,
      leadId: fc.option(text),
      email: fc.option(text),
      route: fc.constantFrom('sales', 'nurture', 'disqualify', null),
      target: fc.option(text),
      stage: fc.oneof(fc.constantFrom(...STAGES), text as fc.Arbitrary<never>),
      score: num,
      at: text,
    });
    fc.assert(
      fc.property(entry, (e) => {
        expect(decisionLine(e)).toBe(JSON.stringify(e));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('summaryJson', () => {
  const leads = generateLeads(300, 7);
  it.each(loadExamples())('answers what JSON.stringify would for every lead of $name', ({ workflow }) => {
    const prepared = prepare(compile(workflow));
    const wf = { id: String(workflow.id), version: 3 };
    const all = [...leads, {}, { email: 'not an e-mail', company: { employees: 'many' } }];
    for (const [i, lead] of all.entries()) {
      const outcome = prepared.decide(lead, { now: '2026-03-02T09:00:00Z' });
      const id = `019a1b2c3d4e${String(i).padStart(6, '0')}f3a9c1d2e4b5`;
      expect(summaryJson(`"decisionId":"${id}",`, workflowJson(wf.id, wf.version), outcome)).toBe(
        JSON.stringify({ decisionId: id, workflow: wf, ...outcome }),
      );
      expect(
        summaryJson(`"line":${i + 1},"decisionId":"${id}",`, workflowJson(wf.id, wf.version), outcome),
      ).toBe(JSON.stringify({ line: i + 1, decisionId: id, workflow: wf, ...outcome }));
    }
  });

  it('escapes route, stage and workflow names like JSON.stringify', () => {
    fc.assert(
      fc.property(
        text,
        text,
        text,
        num,
        fc.option(fc.record({ kind: text, target: text, label: text })),
        (id, stage, note, total, route) => {
          const outcome = {
            route: route as never,
            stage: stage as never,
            score: { total, fit: total, engagement: -total },
            dataIssues: note ? [{ field: note, path: note, value: note, reason: note }] : [],
          };
          expect(summaryJson('', workflowJson(id, 1), outcome as never)).toBe(
            JSON.stringify({ workflow: { id, version: 1 }, ...outcome }),
          );
        },
      ),
      { numRuns: 1000 },
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
