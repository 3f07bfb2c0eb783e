import { compile, prepare, STAGES } from '@qualify/rules';
import { referenceEngine } from '@qualify/rules/reference';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { fuseDecide, fuseEvaluate } from './fuse.ts';

const base = compile(loadExamples().find((e) => e.name === 'anum-services')!.workflow);
const now = Date.parse('2026-03-02T09:00:00Z');
const lead = { country: 'ch', role: 'signs', need: 'critical', urgency: 'immediate', budget: 'lots' };

/** The step driver (json-logic-js engine) is the yardstick for the fused function. */
const stepDecide = (artifact: unknown) => prepare(artifact, { engine: referenceEngine });

describe('fused decide()', () => {
  it('fuses every example that counts no events and decides like the step driver', () => {
    for (const { workflow, leads } of loadExamples()) {
      const artifact = compile(workflow);
      // Events are lists the fused locals do not hold: such a workflow runs on the step driver, saying so.
      if (artifact.events) {
        expect(fuseDecide(artifact).why).toMatch(/events/);
        continue;
      }
      const fused = fuseDecide(artifact).fn;
      expect(fused).toBeTypeOf('function');
      expect(prepare(artifact).fallback).toBeNull();
      for (const l of leads) {
        expect(fused!(l.lead, Date.parse(l.now))).toEqual(
          stepDecide(artifact).decide(l.lead, { now: l.now }),
        );
      }
    }
  });

  it('keeps the step bound of a hand-made artifact whose exits loop', () => {
    const looping = structuredClone(base);
    looping.nodes.dach!.next.false = 'anum';
    looping.nodes.anum!.next.fail = 'dach';
    const lost = { country: 'us', role: 'uses' };
    const fused = fuseDecide(looping).fn!;
    expect(fused(lost, now)).toEqual({
      route: null,
      stage: 'Lead',
      priorStage: null,
      stageKept: false,
      score: { total: 0, fit: 0, engagement: 0 },
      dataIssues: [],
    });
    expect(fused(lost, now)).toEqual(stepDecide(looping).decide(lost, { now }));
  });

  it('falls back to the step driver for expressions it cannot resolve to locals, and says why', () => {
    const odd = structuredClone(base);
    (odd.nodes.dach as unknown as { test: unknown }).test = { if: [{ var: 'lead' }, 1, 0] };
    expect(fuseDecide(odd)).toEqual({
      why: 'step "dach" (condition): "var" with these operands has no generated form',
    });
    const prepared = prepare(odd);
    expect(prepared.fallback).toBe(
      'decide() is not fused: step "dach" (condition): "var" with these operands has no generated form',
    );
    expect(prepared.decide(lead, { now })).toEqual(stepDecide(odd).decide(lead, { now }));
  });

  it('says which step leaves the generated path for an operation the generator lacks', () => {
    const odd = structuredClone(base);
    (odd.nodes.dach as unknown as { test: unknown }).test = {
      if: [{ none: [{ var: 'lead.country' }, { '===': [{ var: '' }, 'x'] }] }, 1, 0],
    };
    const prepared = prepare(odd);
    expect(prepared.fallback).toBe(
      'step "dach" (condition): the operation "none" has no generated form; ' +
        'decide() is not fused: step "dach" (condition): the operation "none" has no generated form',
    );
    expect(prepared.evaluate(lead, { now })).toEqual(stepDecide(odd).evaluate(lead, { now }));
    expect(prepare(odd, { engine: referenceEngine }).fallback).toBeNull();
  });

  it('reports data issues as the normaliser does', () => {
    const outcome = fuseDecide(base).fn!(lead, now);
    expect(outcome.dataIssues).toEqual([
      { field: 'budget', code: 'wrong_type', message: 'budget: "lots" is not a number; treated as missing.' },
    ]);
  });

  it('reads values that mean missing as the normaliser does: missing, and no data issue', () => {
    const placeholders = {
      country: ' N/A ',
      role: 'Select',
      need: 'critical',
      urgency: '-',
      budget: 'UNKNOWN',
    };
    const outcome = fuseDecide(base).fn!(placeholders, now);
    expect(outcome.dataIssues).toEqual([]);
    expect(outcome).toEqual(stepDecide(base).decide(placeholders, { now }));
    expect(
      prepare(base)
        .evaluate(placeholders, { now })
        .nextQuestions.map((q) => q.criterionId),
    ).toEqual(expect.arrayContaining(['authority', 'urgency', 'money']));
  });
});

describe('fused evaluate()', () => {
  it("shares the parts receipts repeat (gates, contribution lines, SLA) frozen, so one caller cannot change another's", () => {
    const reference = loadExamples().find((e) => e.name === 'reference-workload')!;
    const prepared = prepare(compile(reference.workflow));
    const hot = reference.leads.find((l) => prepared.evaluate(l.lead, { now }).route?.kind === 'sales')!;
    const [a, b] = [prepared.evaluate(hot.lead, { now }), prepared.evaluate(hot.lead, { now })];
    expect(a).toStrictEqual(b);
    expect(a.gates[0]).toBe(b.gates[0]);
    expect(a.score.contributions[0]).toBe(b.score.contributions[0]);
    expect(a.sla).toBe(b.sla);
    expect(() => {
      (a.gates[0] as { passed: boolean }).passed = false;
    }).toThrow(TypeError);
    expect(() => {
      (a.score.contributions[0] as { points: number }).points = 0;
    }).toThrow(TypeError);
    expect(() => {
      a.gates[0]!.criteria.pop();
    }).toThrow(TypeError);
    expect(b.gates[0]!.passed).toBe(true);
    // The receipt's own lists are the caller's: a path or reason added to one is not in the other.
    a.reasons.push('mine');
    expect(b.reasons).not.toContain('mine');
  });

  it("gives the step driver's receipt, member for member and in the same order, for every example lead and prior stage", () => {
    for (const { workflow, leads } of loadExamples()) {
      const artifact = compile(workflow);
      const prepared = prepare(artifact);
      if (artifact.events) {
        // Counted events need the step driver; both functions say so rather than guessing.
        expect(prepared.fallback).toMatch(/events/);
        continue;
      }
      expect(prepared.fallback).toBeNull();
      const step = stepDecide(artifact);
      for (const l of leads) {
        for (const currentStage of [undefined, null, ...STAGES]) {
          const fused = prepared.evaluate(l.lead, { now: l.now, currentStage });
          const stepped = step.evaluate(l.lead, { now: l.now, currentStage });
          expect(fused).toStrictEqual(stepped);
          // JSON text compares member order too, which the receipt's readers see.
          expect(JSON.stringify(fused)).toBe(JSON.stringify(stepped));
        }
      }
    }
  });

  it('is not built for an artifact decide() cannot fuse', () => {
    const odd = structuredClone(base);
    (odd.nodes.dach as unknown as { test: unknown }).test = { if: [{ var: 'lead' }, 1, 0] };
    expect(
      fuseEvaluate(odd, () => {
        throw new Error('not called');
      }).why,
    ).toMatch(/has no generated form/);
  });
});
