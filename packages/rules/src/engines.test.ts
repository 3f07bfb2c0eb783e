// One artifact, the same decisions in every engine: json-logic-js, json-logic-engine (interpreted and
// compiled), the product's fast path and fused decide(), and a driver written from docs/artifact.md alone.
import {
  type Artifact,
  compile,
  type Decision,
  type Field,
  prepare,
  STAGES,
  type Stage,
  type WorkflowInput,
} from '@qualify/rules';
import fc from 'fast-check';
import { LogicEngine } from 'json-logic-engine';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../examples/index.ts';
import { generateLeads } from '../bench/lead-generator.ts';
import type { LogicEngine as Engine } from './model/logic.ts';
import { referenceEngine } from './reference.ts';
import { caseArb, leadArb, NOW_MS } from './testing/arbitraries.ts';
import { type DocArtifact, docDrive } from './testing/doc-driver.ts';

const jle = new LogicEngine();
const interpreted: Engine = (rule) => (data) => jle.run(rule as never, data);
const built: Engine = (rule) => jle.build(rule as never) as (data: unknown) => unknown;
const ENGINES = {
  'json-logic-js': referenceEngine,
  'json-logic-engine': interpreted,
  'json-logic-engine compiled': built,
};

/** What every engine must agree on, from a full receipt. */
const essence = (d: Decision) => ({
  route: d.route && { nodeId: d.route.nodeId, to: d.route.kind },
  stage: d.stage,
  priorStage: d.priorStage,
  stageKept: d.stageKept,
  score: { total: d.score.total, fit: d.score.fit, engagement: d.score.engagement },
  gates: d.gates.map((g) => ({
    nodeId: g.nodeId,
    passed: g.passed,
    criteria: g.criteria.map((c) => c.status),
  })),
  dueAt: d.sla ? Date.parse(d.sla.dueAt) : null,
  grade: d.grade ?? null,
  issues: d.dataIssues.map((i) => i.field),
});

/**
 * Evaluates each lead with every engine and answers the disagreements (at most a few, described), so a
 * failure shows the lead and both answers instead of a count.
 */
function disagreements(
  artifact: Artifact,
  leads: [lead: unknown, now: number, currentStage?: Stage | null][],
): string[] {
  const fast = prepare(artifact);
  const others = Object.entries(ENGINES).map(
    ([name, engine]) => [name, prepare(artifact, { engine })] as const,
  );
  const apply = (rule: unknown, data: unknown) => jle.run(rule as never, data);
  const found: string[] = [];
  for (const [lead, now, currentStage = null] of leads) {
    const want = fast.evaluate(lead, { now, currentStage });
    const { route, stage, priorStage, stageKept, score, grade, dataIssues } = want;
    const answers: [string, unknown, unknown][] = [
      [
        'decide()',
        fast.decide(lead, { now, currentStage }),
        {
          route,
          stage,
          priorStage,
          stageKept,
          score: { ...score, contributions: undefined },
          ...(grade === undefined ? {} : { grade }),
          dataIssues,
        },
      ],
      [
        'docs/artifact.md driver',
        docDrive(artifact as unknown as DocArtifact, apply as never, lead, now, currentStage),
        essence(want),
      ],
    ];
    for (const [name, prepared] of others)
      answers.push([name, prepared.evaluate(lead, { now, currentStage }), want]);
    for (const [name, got, expected] of answers) {
      const g =
        name === 'decide()'
          ? { ...(got as object), score: { ...(got as Decision).score, contributions: undefined } }
          : got;
      try {
        expect(g).toStrictEqual(expected);
      } catch {
        if (found.length < 5)
          found.push(
            `${name} on ${JSON.stringify(lead)} at ${now} (current stage ${currentStage}): ${JSON.stringify(g)} instead of ${JSON.stringify(expected)}`,
          );
        else return found;
      }
    }
  }
  return found;
}

/** No stage, then every stage in turn: what a caller may have stored for the i-th lead. */
const storedStage = (i: number): Stage | null => (i % 9 === 0 ? null : STAGES[(i % 9) - 1]!);
/** What a CRM writes in its stage field: stages in any case, blanks, placeholders and text that is no stage. */
const CRM_STAGES = [
  'sql',
  ' MQL ',
  'Customer',
  '',
  'N/A',
  'Hot prospect',
  'disqualified',
  'SAL',
  42,
  'opportunity',
  null,
];

/**
 * The example with the lead's current stage in the catalogue (`crm.stage`) and every nurture route
 * recycling, so the stage rule meets real workflows in both its forms.
 */
function withStages(wf: WorkflowInput): WorkflowInput {
  return {
    ...wf,
    fields: [
      ...wf.fields,
      { path: 'crm.stage', label: 'Lifecycle stage', type: 'string', currentStage: true },
    ],
    nodes: wf.nodes.map((n) =>
      n.kind === 'route' && (n.data as { to: string }).to === 'nurture'
        ? { ...n, data: { ...(n.data as object), recycle: { stage: 'MQL', reason: 'back to marketing' } } }
        : n,
    ),
  };
}

describe('the artifact in every engine', () => {
  describe.each(loadExamples())('$name', ({ name, workflow, leads }) => {
    const artifact = compile(workflow);
    const fields = (workflow as { fields: Field[] }).fields;

    it('decides its sample leads alike', () => {
      expect(
        disagreements(
          artifact,
          leads.map((l, i) => [l.lead, Date.parse(l.now), storedStage(i)]),
        ),
      ).toEqual([]);
    });

    it('decides its sample leads alike with a current stage in the lead and recycling nurture routes', () => {
      const staged = compile(withStages(workflow as WorkflowInput));
      const crm = (i: number) => CRM_STAGES[i % CRM_STAGES.length];
      const found = disagreements(
        staged,
        leads.flatMap((l, i) => [
          [{ ...(l.lead as object), crm: { stage: crm(i) } }, Date.parse(l.now), storedStage(i)],
          [{ ...(l.lead as object), crm: { stage: crm(i + 3) } }, Date.parse(l.now), null],
        ]),
      );
      expect(found).toEqual([]);
    });

    it('decides 1,000 generated clean, sparse and dirty leads alike', () => {
      const generated = fc.sample(leadArb(fields), { seed: name.length, numRuns: 1000 });
      const extra =
        name === 'reference-workload'
          ? (['clean', 'sparse', 'dirty'] as const).flatMap((mode) =>
              generateLeads(1000, { seed: 3, mode, pSparse: 0.5, pDirty: 0.5 }),
            )
          : [];
      expect(
        disagreements(
          artifact,
          [...generated, ...extra].map((lead, i) => [lead, NOW_MS, storedStage(i)]),
        ),
      ).toEqual([]);
    });
  });

  it('decides random workflows on random leads alike', () => {
    fc.assert(
      fc.property(caseArb, ({ workflow, leads }) => {
        expect(disagreements(compile(workflow), leads)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
