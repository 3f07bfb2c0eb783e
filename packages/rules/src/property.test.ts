// Properties of random valid workflows: they validate, compile, and evaluate any lead (clean, sparse or
// dirty) into a complete, self-consistent decision, the same with the fast engine as with json-logic-js.
import {
  type Artifact,
  compile,
  type Decision,
  FIELD_TYPES,
  type Field,
  KIND_NAMES,
  operatorsForType,
  prepare,
  STAGES,
  validate,
} from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceEngine } from './reference.ts';
import { caseArb, workflowArb } from './testing/arbitraries.ts';

// ── properties ───────────────────────────────────────────────────────────────

function checkDecision(d: Decision, artifact: Artifact, fields: Field[]) {
  expect(d.route).not.toBeNull();
  const sum = d.score.contributions.reduce((s, c) => s + c.points, 0);
  expect(sum).toBe(d.score.fit + d.score.engagement);
  // The total is fit plus engagement, unless the workflow's total limits held it somewhere on the path.
  if (!d.limits?.some((l) => l.score === 'total')) expect(d.score.total).toBe(sum);
  for (const type of ['fit', 'engagement'] as const) {
    const part = d.score.contributions.filter((c) => c.scoreType === type).reduce((s, c) => s + c.points, 0);
    expect(part).toBe(d.score[type]);
  }
  expect(d.path[0]).toBe(artifact.start);
  expect(d.path.at(-1)).toBe(d.route!.nodeId);
  for (let i = 1; i < d.path.length; i++) {
    expect(Object.values(artifact.nodes[d.path[i - 1]!]!.next)).toContain(d.path[i]);
  }
  expect(STAGES).toContain(d.stage);
  for (const g of d.gates) {
    expect(d.path).toContain(g.nodeId);
    for (const c of g.criteria) expect(['met', 'not_met', 'unknown']).toContain(c.status);
  }
  const unknown = d.gates.flatMap((g) =>
    g.criteria.filter((c) => c.status === 'unknown').map((c) => `${g.nodeId}/${c.id}`),
  );
  const gateQuestions = d.nextQuestions.filter((q) => q.points === undefined);
  expect(gateQuestions.map((q) => `${q.nodeId}/${q.criterionId}`)).toEqual(unknown);
  // Then one question a field that a score rule could not read, most points first.
  const scoreQuestions = d.nextQuestions.slice(gateQuestions.length);
  const asked = scoreQuestions.map((q) => q.fields[0]);
  expect(new Set(asked).size).toBe(asked.length);
  for (const q of scoreQuestions) expect(gateQuestions.flatMap((g) => g.fields)).not.toContain(q.fields[0]);
  for (let i = 1; i < scoreQuestions.length; i++) {
    expect(scoreQuestions[i]!.points).toBeLessThanOrEqual(scoreQuestions[i - 1]!.points!);
  }
  for (const q of scoreQuestions) {
    expect(q.points).toBeGreaterThan(0);
    expect(d.score.contributions.map((c) => `${c.nodeId}/${c.ruleId}`)).not.toContain(
      `${q.nodeId}/${q.criterionId}`,
    );
  }
  // Data issues name a field, or the lead's events list when the artifact counts events.
  const paths = new Set([...fields.map((f) => f.path), ...(artifact.events ? ['events'] : [])]);
  for (const issue of d.dataIssues) expect(paths.has(issue.field)).toBe(true);
  expect(d.sla !== null).toBe(d.route!.kind === 'sales');
}

describe('random valid workflows', () => {
  it('validate, compile, and evaluate any lead consistently on both engines', () => {
    fc.assert(
      fc.property(caseArb, ({ fields, workflow: wf, leads }) => {
        expect(validate(wf).filter((i) => i.severity === 'error')).toEqual([]);
        const artifact = compile(wf);
        const fast = prepare(artifact);
        const reference = prepare(artifact, { engine: referenceEngine });
        for (const [lead, now, currentStage] of leads) {
          let d: Decision | undefined;
          expect(() => {
            d = fast.evaluate(lead, { now, currentStage });
          }).not.toThrow();
          checkDecision(d!, artifact, fields);
          expect(reference.evaluate(lead, { now, currentStage })).toStrictEqual(d);
          expect(fast.decide(lead, { now, currentStage })).toStrictEqual({
            route: d!.route,
            stage: d!.stage,
            priorStage: d!.priorStage,
            stageKept: d!.stageKept,
            score: { total: d!.score.total, fit: d!.score.fit, engagement: d!.score.engagement },
            ...(d!.grade === undefined ? {} : { grade: d!.grade }),
            dataIssues: d!.dataIssues,
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Every `compare` inside a node's data, as "<field type>:<operator>". */
function operatorsIn(value: unknown, fields: Field[], out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) operatorsIn(v, fields, out);
  else if (value !== null && typeof value === 'object') {
    const c = value as { type?: unknown; field?: unknown; op?: unknown };
    if (c.type === 'compare') out.add(`${fields.find((f) => f.path === c.field)?.type}:${String(c.op)}`);
    for (const v of Object.values(value)) operatorsIn(v, fields, out);
  }
}

/** The workflow with every events condition read as "the first field is known". */
function withoutEvents<T>(wf: T, fields: Field[]): T {
  const known = { type: 'compare', field: fields[0]!.path, op: 'present' };
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (o.type === 'events') return known;
    // A decay by event age needs its events condition: without it, no decay.
    if ('decay' in o && o.decay && !(o.decay as { field?: string }).field) {
      const { decay: _d, ...rest } = o;
      return strip(rest);
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, strip(x)]));
  };
  return strip(wf) as T;
}

describe('the fast path', () => {
  it('takes random workflows of every kind and every operator whole: every expression generated, decide() fused', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(workflowArb, ({ fields, workflow: counted }) => {
        // Event counts run on closures (filter, reduce): left out here.
        const wf = withoutEvents(counted, fields);
        expect(prepare(compile(wf)).fallback).toBeNull();
        for (const node of wf.nodes) {
          seen.add(node.kind);
          operatorsIn(node.data, fields, seen);
          // The route's hand-off parts and recycle, each on its own.
          const data = node.data as Record<string, unknown> & { sla?: object };
          if (node.kind === 'route')
            for (const part of ['assign', 'escalation', 'recycle', ...Object.keys(data.sla ?? {})])
              if (part in data || part in (data.sla ?? {})) seen.add(`route:${part}`);
        }
        for (const f of fields) if (f.currentStage) seen.add(`field:currentStage:${f.type}`);
      }),
      { numRuns: 300 },
    );
    // The generators must reach everything, or this test would prove less than it says.
    const everything = [
      ...KIND_NAMES,
      ...[
        'assign',
        'escalation',
        'recycle',
        'firstContactHours',
        'touches',
        'acceptWithinHours',
        'dueSoonHours',
      ].map((part) => `route:${part}`),
      'field:currentStage:string',
      'field:currentStage:enum',
      ...FIELD_TYPES.flatMap((type) => operatorsForType(type).map((op) => `${type}:${op}`)),
    ];
    expect([...seen].sort()).toEqual(everything.sort());
  });
});
