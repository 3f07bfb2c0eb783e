import { readFileSync } from 'node:fs';
import { compile, describeTestRun, describeWorkflow, prepare, runTestCases, validate } from '@qualify/rules';
import { referenceEngine } from '@qualify/rules/reference';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../examples/index.ts';

const examples = loadExamples();

describe('examples', () => {
  it('include BANT, MEDDIC, CHAMP, ANUM, a product-led trial and the reference workload', () => {
    const frameworks = examples.flatMap((e) =>
      (e.workflow.nodes as { kind: string; data: { framework?: string } }[])
        .filter((n) => n.kind === 'gate')
        .map((n) => n.data.framework),
    );
    expect(new Set(frameworks)).toEqual(new Set(['BANT', 'MEDDIC', 'CHAMP', 'ANUM', 'custom']));
    expect(examples.map((e) => e.name)).toContain('reference-workload');
    expect(examples.map((e) => e.name)).toContain('plg-trial');
  });

  it("the product-led trial scores and gates on its leads' events", () => {
    const plg = examples.find((e) => e.name === 'plg-trial')!;
    const prepared = prepare(compile(plg.workflow));
    for (const { name, lead, now } of plg.leads) {
      const d = prepared.evaluate(lead, { now });
      if (d.stage === 'Disqualified') continue;
      const counts = (d.events ?? []).map((e) => e.count);
      expect(counts.length, name).toBeGreaterThan(0);
      // A lead without an events list counts nothing: unknown, not zero.
      for (const count of counts) expect(count === null, name).toBe(lead.events === undefined);
    }
    // Without its events the hottest trial is no longer product-qualified.
    const [hot] = plg.leads;
    const { events: _, ...quiet } = hot!.lead;
    expect(prepared.evaluate(hot!.lead, { now: hot!.now }).route?.kind).toBe('sales');
    expect(prepared.evaluate(quiet, { now: hot!.now }).route?.kind).toBe('nurture');
  });

  // A studio user reads these descriptions; the repository's folders and files mean nothing there.
  it('have descriptions that name no folder or file of the repository', () => {
    const olist = JSON.parse(
      readFileSync(new URL('../examples/olist/olist-mql.workflow.json', import.meta.url), 'utf8'),
    );
    const described = [...examples.map((e) => e.workflow), olist] as { id: string; description: string }[];
    const path = /[\w.-]+\/[\w.-]+|\b[\w-]+\.(?:ts|mjs|js|json|csv|md)\b/;
    for (const w of described) {
      expect(w.description, w.id).not.toBe('');
      expect(w.description, w.id).not.toMatch(path);
    }
  });

  describe.each(examples)('$name', ({ workflow, leads }) => {
    it('validates without errors or warnings', () => {
      expect(validate(workflow)).toEqual([]);
    });

    it('carries its sample leads as test cases, which pass', () => {
      const run = runTestCases(workflow);
      expect(run.results.map((r) => r.name)).toEqual(leads.map((l) => l.name));
      expect(run.failed, describeTestRun(run)).toBe(0);
    });

    it('compiles deterministically', () => {
      expect(JSON.stringify(compile(workflow))).toBe(JSON.stringify(compile(structuredClone(workflow))));
    });

    it('reads as one sentence per node', () => {
      const text = describeWorkflow(workflow);
      expect(text).toHaveLength((workflow.nodes as unknown[]).length);
      for (const s of text) expect(s.text).toMatch(/\w.*\.$/);
    });

    const fast = prepare(compile(workflow));
    const reference = prepare(compile(workflow), { engine: referenceEngine });

    it.each(leads)('$name', ({ lead, now, expect: want }) => {
      const d = fast.evaluate(lead, { now });
      expect(d.route?.kind).toBe(want.route);
      if (want.target) expect(d.route?.target).toBe(want.target);
      expect(d.stage).toBe(want.stage);
      expect(d.score.total).toBe(want.score);
      // A gate's question by its criterion, a score table's by the field it asks for.
      expect(d.nextQuestions.map((q) => (q.points === undefined ? q.criterionId : q.fields[0]))).toEqual(
        want.nextQuestions ?? [],
      );
      // A cap or floor on fit or engagement is a contribution; one on the total is only in `limits`.
      const held = (d.limits ?? []).filter((l) => l.score === 'total');
      const sum = [...d.score.contributions, ...held].reduce((s, c) => s + c.points, 0);
      expect(sum).toBe(d.score.total);
      expect(d.path[0]).toBe('start');
      expect(d.path.at(-1)).toBe(d.route?.nodeId);
      expect(reference.evaluate(lead, { now })).toEqual(d);
    });
  });
});
