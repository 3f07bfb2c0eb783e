import { compile, DEFAULT_EVENT_PROPERTIES, DEFAULT_GRADE, DecisionJson, prepare } from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { generateLeads as generate } from '../../bench/lead-generator.ts';
import { WRITTEN_MEMBERS } from './decision-json.ts';

// Unicode, quotes, backslashes, control characters and lone surrogates: whatever JSON has to escape.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.constantFrom('', 'a"b', 'c\\d', 'e\nf'));
const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY));
const json = new DecisionJson();

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

describe('DecisionJson.summary', () => {
  const leads = generate(300, { seed: 7, mode: 'dirty' });
  it.each(loadExamples())('answers what JSON.stringify would for every lead of $name', ({ workflow }) => {
    const prepared = prepare(compile(workflow));
    const wf = { id: String(workflow.id), version: 3 };
    const all = [...leads, {}, { email: 'not an e-mail', company: { employees: 'many' } }];
    for (const [i, lead] of all.entries()) {
      const outcome = prepared.decide(lead, { now: '2026-03-02T09:00:00Z' });
      const id = `019a1b2c3d4e${String(i).padStart(6, '0')}f3a9c1d2e4b5`;
      expect(json.summary(`"decisionId":"${id}",`, json.workflow(wf.id, wf.version), outcome)).toBe(
        JSON.stringify({ decisionId: id, workflow: wf, ...outcome }),
      );
      expect(
        json.summary(`"line":${i + 1},"decisionId":"${id}",`, json.workflow(wf.id, wf.version), outcome),
      ).toBe(JSON.stringify({ line: i + 1, decisionId: id, workflow: wf, ...outcome }));
    }
  });

  it('answers the grade as JSON.stringify would, for a workflow with grade bands', () => {
    const { workflow, leads: graded } = withScoringExtras();
    const prepared = prepare(compile(workflow));
    for (const lead of graded) {
      const outcome = prepared.decide(lead, { now: '2026-03-02T09:00:00Z' });
      expect(outcome.grade).toMatch(/^[ABC][123]$/);
      expect(json.summary('"decisionId":"x",', json.workflow('w', 1), outcome)).toBe(
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
          expect(json.summary('', json.workflow(id, 1), outcome as never)).toBe(
            JSON.stringify({ workflow: { id, version: 1 }, ...outcome }),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('DecisionJson.receipt', () => {
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
        expect(json.receipt('"line":7,"decisionId":"x",', d)).toBe(
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
      expect(json.receipt('"decisionId":"x",', d)).toBe(JSON.stringify({ decisionId: 'x', ...d }));
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
        expect(json.receipt('', d)).toBe(JSON.stringify(d));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the writers', () => {
  it('write every member of a receipt and a summary that has them all', () => {
    const { workflow, leads } = withScoringExtras();
    const prepared = prepare(compile(workflow));
    const written = {
      receipt: new Set<string>(),
      summary: new Set<string>(),
      contribution: new Set<string>(),
    };
    for (const lead of leads) {
      const d = JSON.parse(json.receipt('', prepared.evaluate(lead, { now: '2026-03-02T09:00:00Z' })));
      for (const k of [...Object.keys(d), ...Object.keys(d.score)]) written.receipt.add(k);
      for (const c of d.score.contributions) for (const k of Object.keys(c)) written.contribution.add(k);
      const o = JSON.parse(
        json.summary('', json.workflow('w', 1), prepared.decide(lead, { now: '2026-03-02T09:00:00Z' })),
      );
      for (const k of Object.keys(o)) if (k !== 'workflow') written.summary.add(k);
    }
    expect([...written.receipt].sort()).toEqual([...WRITTEN_MEMBERS.receipt].sort());
    expect([...written.summary].sort()).toEqual([...WRITTEN_MEMBERS.summary].sort());
    expect([...written.contribution].sort()).toEqual([...WRITTEN_MEMBERS.contribution].sort());
  });
});
