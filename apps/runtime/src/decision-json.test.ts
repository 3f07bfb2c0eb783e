import { loadExamples } from '@qualify/examples';
import { compile, prepare, STAGES } from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLeads as generate } from '../../../packages/rules/bench/lead-generator.ts';
import { generateLeads } from '../bench/gen.ts';
import { decisionIds } from './decision-id.ts';
import { decisionLine, receiptJson, summaryJson, workflowJson } from './decision-json.ts';
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
      routeNodeId: fc.option(text),
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
            priorStage: (note || null) as never,
            stageKept: total > 0,
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

describe('receiptJson', () => {
  // Clean, sparse and dirty leads: receipts with and without gates, questions, SLA and data issues.
  const leads = [
    ...generate(200, { seed: 3, mode: 'clean' }),
    ...generate(200, { seed: 4, mode: 'sparse' }),
    ...generate(200, { seed: 5, mode: 'dirty' }),
    {},
  ];
  it('answers what JSON.stringify would for every receipt of every example, whatever parts it has', () => {
    const seen = { gates: 0, sla: 0, issues: 0, questions: 0 };
    for (const { workflow, leads: samples } of loadExamples()) {
      const prepared = prepare(compile(workflow));
      for (const lead of [...leads, ...samples.map((s) => s.lead)]) {
        const d = prepared.evaluate(lead, { now: '2026-03-02T09:00:00Z' });
        seen.gates += d.gates.length ? 1 : 0;
        seen.sla += d.sla ? 1 : 0;
        seen.issues += d.dataIssues.length ? 1 : 0;
        seen.questions += d.nextQuestions.length ? 1 : 0;
        expect(receiptJson('"line":7,"decisionId":"x",', d)).toBe(
          JSON.stringify({ line: 7, decisionId: 'x', ...d }),
        );
      }
    }
    // Every part of a receipt was there in some of them.
    expect(
      Object.values(seen).every((n) => n > 0),
      JSON.stringify(seen),
    ).toBe(true);
  });

  it('escapes reasons and labels like JSON.stringify', () => {
    const prepared = prepare(compile(loadExamples()[0]!.workflow));
    const base = prepared.evaluate({}, { now: '2026-03-02T09:00:00Z' });
    fc.assert(
      fc.property(fc.array(text), text, text, num, (reasons, label, at, points) => {
        const d = {
          ...base,
          reasons,
          evaluatedAt: at,
          score: {
            ...base.score,
            contributions: [{ nodeId: label, ruleId: label, label, scoreType: 'fit' as const, points }],
          },
        };
        expect(receiptJson('', d)).toBe(JSON.stringify(d));
      }),
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
