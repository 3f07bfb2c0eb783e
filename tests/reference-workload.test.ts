import { compile, prepare } from '@qualify/rules';
import { referenceEngine } from '@qualify/rules/reference';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../examples/index.ts';
import { handRoute, handScore } from '../packages/rules/bench/hand-written.ts';
import { generateLeads } from '../packages/rules/bench/lead-generator.ts';
import { routeName } from '../packages/rules/bench/route-name.ts';

const example = loadExamples().find((e) => e.name === 'reference-workload')!;
const artifact = compile(example.workflow);
const fast = prepare(artifact);
const reference = prepare(artifact, { engine: referenceEngine });
const now = Date.parse('2026-03-02T09:00:00Z');

describe('the reference workload in the product format', () => {
  it('decides every clean lead like the hand-written function (route and score)', () => {
    const leads = generateLeads(5000, { seed: 7, mode: 'clean' });
    const routes = new Map<string, number>();
    for (const lead of leads) {
      const d = fast.evaluate(lead, { now });
      expect({ route: routeName(d), score: d.score.total }).toEqual({
        route: handRoute(lead),
        score: handScore(lead),
      });
      routes.set(routeName(d), (routes.get(routeName(d)) ?? 0) + 1);
    }
    // Every outcome is exercised, so agreement is not agreement on one easy route.
    expect([...routes.keys()].sort()).toEqual(['disqualified', 'mql', 'nurture', 'sql']);
  });

  it.each(['clean', 'sparse', 'dirty'] as const)(
    'fast path and json-logic-js give identical decisions on %s leads',
    (mode) => {
      const leads = generateLeads(3000, { seed: 11, mode, pSparse: 0.5, pDirty: 0.5 });
      for (const [i, lead] of leads.entries()) {
        // Some leads with a stored stage, which stages-only-move-forward may keep.
        const currentStage = ([null, 'MQL', 'SQL'] as const)[i % 3];
        const d = fast.evaluate(lead, { now, currentStage });
        expect(d).toEqual(reference.evaluate(lead, { now, currentStage }));
        const { total, fit, engagement } = d.score;
        expect(fast.decide(lead, { now, currentStage })).toEqual({
          route: d.route,
          stage: d.stage,
          priorStage: d.priorStage,
          stageKept: d.stageKept,
          score: { total, fit, engagement },
          dataIssues: d.dataIssues,
        });
      }
    },
  );

  it('never lets missing data earn points or disqualify', () => {
    const noActivity = fast.evaluate({ email: 'ann@acme.de', events: { webinar: 0 } }, { now });
    expect(noActivity.score.contributions.map((c) => c.ruleId)).not.toContain('activeLast7d');
    const noCompany = fast.evaluate({ email: 'ann@acme.de', company: null, seniority: 'vp' }, { now });
    expect(noCompany.route?.kind).not.toBe('disqualify');
    // A naive compile would: json-logic-js reads the missing size as null, and null < 3.
    expect(jsonLogic.apply({ '<': [{ var: 'company.size' }, 3] }, { company: null })).toBe(true);
  });
});
