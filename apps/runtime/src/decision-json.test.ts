import { loadExamples } from '@qualify/examples';
import { compile, DEFAULT_EVENT_PROPERTIES, DEFAULT_GRADE, prepare, STAGES } from '@qualify/rules';
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

/**
 * The BANT example with every optional part of a receipt: a cap on the total that holds high scores, a
 * grade, and an events count in the engagement step; and leads with and without events lists.
 */
function withScoringExtras(): { workflow: Record<string, unknown>; leads: Record<string, unknown>[] } {
  const { workflow } = loadExamples().find((e) => e.name === 'bant-inbound-saas')!;
  const wf = workflow as { nodes: { kind: string; data: { scoreType?: string; rules?: unknown[] } }[] };
  const nodes = wf.nodes.map((n) =>
    n.kind === 'score' && n.data.scoreType === 'engagement'
      ? {
          ...n,
          data: {
            ...n.data,
            rules: [
              ...(n.data.rules ?? []),
              {
                id: 'pricing-week',
                label: 'Pricing this week',
                points: 20,
                condition: {
                  type: 'events',
                  where: { type: 'compare', field: 'url', op: 'contains', value: '/pricing' },
                  withinDays: 7,
                  count: { op: 'gte', value: 2 },
                },
              },
            ],
          },
        }
      : n,
  );
  const view = (days: number) => ({
    type: 'page_view',
    url: '/pricing',
    at: `2026-03-0${2 - days}T08:00:00Z`,
  });
  const leads = generate(300, { seed: 9, mode: 'sparse' }).map((lead, i) =>
    i % 3 === 0 ? lead : { ...lead, events: i % 3 === 1 ? [view(0), view(1)] : [] },
  );
  return {
    workflow: {
      ...workflow,
      nodes,
      events: { properties: DEFAULT_EVENT_PROPERTIES },
      grade: DEFAULT_GRADE,
      scoreLimits: { total: { floor: 0, cap: 60 } },
    },
    leads,
  };
}

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

  it('answers the grade as JSON.stringify would, for a workflow with grade bands', () => {
    const { workflow, leads: graded } = withScoringExtras();
    const prepared = prepare(compile(workflow));
    for (const lead of graded) {
      const outcome = prepared.decide(lead, { now: '2026-03-02T09:00:00Z' });
      expect(outcome.grade).toMatch(/^[ABC][123]$/);
      expect(summaryJson('"decisionId":"x",', workflowJson('w', 1), outcome)).toBe(
        JSON.stringify({ decisionId: 'x', workflow: { id: 'w', version: 1 }, ...outcome }),
      );
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
    const extras = withScoringExtras();
    const prepared = prepare(compile(extras.workflow));
    const parts = { limits: 0, grade: 0, events: 0, noEvents: 0 };
    for (const lead of extras.leads) {
      const d = prepared.evaluate(lead, { now: '2026-03-02T09:00:00Z' });
      parts.limits += d.limits ? 1 : 0;
      parts.grade += d.grade ? 1 : 0;
      parts.events += d.events?.some((e) => e.count !== null) ? 1 : 0;
      parts.noEvents += d.events?.some((e) => e.count === null) ? 1 : 0;
      expect(receiptJson('"decisionId":"x",', d)).toBe(JSON.stringify({ decisionId: 'x', ...d }));
    }
    expect(
      Object.values(parts).every((n) => n > 0),
      JSON.stringify(parts),
    ).toBe(true);
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
