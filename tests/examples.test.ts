import { readFileSync } from 'node:fs';
import { compile, describeTestRun, describeWorkflow, prepare, runTestCases, validate } from '@qualify/rules';
import { referenceEngine } from '@qualify/rules/reference';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../examples/index.ts';

const examples = loadExamples();

describe('examples', () => {
  it('include BANT, MEDDIC, CHAMP, ANUM and the reference workload', () => {
    const frameworks = examples.flatMap((e) =>
      (e.workflow.nodes as { kind: string; data: { framework?: string } }[])
        .filter((n) => n.kind === 'gate')
        .map((n) => n.data.framework),
    );
    expect(new Set(frameworks)).toEqual(new Set(['BANT', 'MEDDIC', 'CHAMP', 'ANUM']));
    expect(examples.map((e) => e.name)).toContain('reference-workload');
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
      const sum = d.score.contributions.reduce((s, c) => s + c.points, 0);
      expect(sum).toBe(d.score.total);
      expect(d.path[0]).toBe('start');
      expect(d.path.at(-1)).toBe(d.route?.nodeId);
      expect(reference.evaluate(lead, { now })).toEqual(d);
    });
  });
});
