import {
  ARTIFACT_FORMAT,
  ArtifactSchema,
  all,
  any,
  type Condition,
  compare as c,
  compile,
  DEFAULT_MISSING_VALUES,
  type Operator,
  operatorOf,
  operatorsForType,
  prepare,
  validate,
  WorkflowInvalidError,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { expressionsOf, operationsOf } from '../testing/artifact-walk.ts';
import { type EdgeSpec, FIELDS, type NodeSpec, routeTo, workflow } from '../testing/build.ts';

/** The operations json-logic-js ships (besides `log`); a compiled workflow must use no others. */
const STANDARD = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'reduce',
  'filter',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
]);

/** A value of the right type for each field of the shared catalogue and operand shape. */
const SAMPLE: Record<string, { scalar: unknown; list: unknown[]; range?: unknown[] }> = {
  size: { scalar: 50, list: [10, 20], range: [50, 1000] },
  title: { scalar: 'VP', list: ['ceo', 'vp'] },
  demo: { scalar: true, list: [] },
  industry: { scalar: 'SaaS', list: ['SaaS', 'Retail'] },
  lastVisit: { scalar: '2026-01-01', list: [] },
  tags: { scalar: 'pricing', list: ['demo', 'trial'] },
};

function comparison(field: string, op: Operator): Condition {
  const sample = SAMPLE[field]!;
  const shape = operatorOf(op)!.operand.shape;
  if (shape === 'none') return c(field, op);
  if (shape === 'days') return c(field, op, 7);
  if (shape === 'range') return c(field, op, sample.range as never);
  if (shape === 'list') return c(field, op, sample.list as never);
  return c(field, op, sample.scalar as never);
}

/** Every operator of every field type, once. */
const everyComparison: Condition[] = Object.keys(SAMPLE).flatMap((field) => {
  const type = FIELDS.find((f) => f.path === field)!.type;
  return operatorsForType(type).map((op) => comparison(field, op));
});

/** A workflow with every kind, every operator, decay, a cap, weighted and counted gates, and nesting. */
function rich() {
  return workflow(
    [
      { id: 'start', kind: 'start' },
      {
        id: 'check',
        kind: 'condition',
        data: { condition: any(all(...everyComparison.slice(0, 20)), c('size', 'gt', 1)) },
      },
      {
        id: 'fit',
        kind: 'score',
        data: {
          scoreType: 'fit',
          cap: 100,
          rules: everyComparison.map((condition, i) => ({
            id: `r${i}`,
            label: `Rule ${i}`,
            condition,
            points: i % 3 === 0 ? -5 : 10,
            ...(i % 4 === 0 ? { decay: { field: 'lastVisit', days: 7 } } : {}),
          })),
        },
      },
      {
        id: 'bant',
        kind: 'gate',
        data: {
          framework: 'BANT',
          criteria: everyComparison
            .slice(20)
            .map((condition, i) => ({ id: `k${i}`, label: `K${i}`, condition, weight: i })),
          pass: { rule: 'points', threshold: 10 },
        },
      },
      {
        id: 'champ',
        kind: 'gate',
        data: {
          framework: 'CHAMP',
          criteria: [
            {
              id: 'a',
              label: 'A',
              condition: all(c('size', 'gte', 1), any(c('demo', 'eq', true), c('tags', 'present'))),
            },
          ],
          pass: { rule: 'atLeast', count: 1 },
        },
      },
      {
        id: 'tiers',
        kind: 'branch',
        data: {
          on: 'fit',
          tiers: [
            { id: 'hot', label: 'Hot', min: 50 },
            { id: 'warm', label: 'Warm', min: 10 },
          ],
        },
      },
      { id: 'mql', kind: 'stage', data: { stage: 'MQL' } },
      {
        id: 'sales',
        kind: 'route',
        data: { to: 'sales', queue: 'SDR', sla: { firstContactHours: 4, touches: 3 } },
      },
      routeTo('nurture'),
      { id: 'dq', kind: 'route', data: { to: 'disqualify', reason: 'No fit' } },
    ],
    [
      ['start', 'next', 'check'],
      ['check', 'true', 'fit'],
      ['check', 'false', 'dq'],
      ['fit', 'next', 'bant'],
      ['bant', 'pass', 'champ'],
      ['bant', 'fail', 'nurture'],
      ['champ', 'pass', 'tiers'],
      ['champ', 'fail', 'nurture'],
      ['tiers', 'hot', 'mql'],
      ['tiers', 'warm', 'nurture'],
      ['tiers', 'else', 'dq'],
      ['mql', 'next', 'sales'],
    ],
  );
}

/** A chain of `n` nodes of one kind between start and a route ("no" exits of conditions share a route). */
function chain(kind: 'score' | 'condition', n: number) {
  const nodes: NodeSpec[] = [{ id: 'start', kind: 'start' }, routeTo('end')];
  if (kind === 'condition') nodes.push(routeTo('no'));
  const edges: EdgeSpec[] = [];
  let prev = 'start';
  let port = 'next';
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    const condition = all(c('size', 'gte', i), c('title', 'contains', `word${i}`));
    nodes.push(
      kind === 'score'
        ? {
            id,
            kind,
            data: { scoreType: 'fit', rules: [{ id: 'r', label: `Rule ${i}`, condition, points: 1 }] },
          }
        : { id, kind, data: { condition } },
    );
    edges.push([prev, port, id]);
    if (kind === 'condition') edges.push([id, 'false', 'no']);
    prev = id;
    port = kind === 'score' ? 'next' : 'true';
  }
  edges.push([prev, port, 'end']);
  return workflow(nodes, edges);
}

describe('compile', () => {
  it('compiles the rich workflow into a valid artifact', () => {
    const w = rich();
    expect(validate(w)).toEqual([]);
    const artifact = compile(w, { version: 7 });
    expect(() => ArtifactSchema.parse(artifact)).not.toThrow();
    expect(artifact.format).toBe(ARTIFACT_FORMAT);
    expect(artifact.workflow).toEqual({ id: 'test-workflow', name: 'Test workflow', version: 7 });
    expect(compile(w).workflow.version).toBeNull();
    expect(artifact.start).toBe('start');
    expect(artifact.nodes.check!.next).toEqual({ true: 'fit', false: 'dq' });
    expect(artifact.nodes.tiers!.next).toEqual({ hot: 'mql', warm: 'nurture', else: 'dq' });
    expect(artifact.nodes.sales!.next).toEqual({});
  });

  it('keeps the catalogue as the normalisation spec, with enum values, missing values and the id', () => {
    const w = rich();
    w.missingValues = ['Select', ' N/A', 'n/a '];
    w.fields = w.fields.map((f) =>
      f.path === 'size'
        ? { ...f, missingValues: [] }
        : f.path === 'email'
          ? { ...f, missingValues: ['-', 'None given'], leadId: true }
          : f,
    );
    const fields = compile(w).fields;
    expect(fields.map((f) => f.path)).toEqual(FIELDS.map((f) => f.path));
    expect(fields.find((f) => f.path === 'industry')).toEqual({
      path: 'industry',
      type: 'enum',
      values: ['SaaS', 'FinTech', 'Retail'],
      missing: ['select', 'n/a'],
    });
    expect(fields.find((f) => f.path === 'size')).toEqual({ path: 'size', type: 'number' });
    expect(fields.find((f) => f.path === 'email')).toEqual({
      path: 'email',
      type: 'string',
      missing: ['-', 'none given'],
      leadId: true,
    });
  });

  it('gives a document written before values meant missing none, and a new one the product list', () => {
    const old = { ...rich(), schemaVersion: 1 };
    expect(compile(old).fields.some((f) => f.missing)).toBe(false);
    expect(compile(rich()).fields.find((f) => f.path === 'title')?.missing).toEqual(
      DEFAULT_MISSING_VALUES.map((v) => v.toLowerCase()),
    );
  });

  it('is plain JSON', () => {
    const artifact = compile(rich());
    expect(JSON.parse(JSON.stringify(artifact))).toStrictEqual(artifact);
  });

  describe('throws WorkflowInvalidError carrying the issues', () => {
    it.each([
      ['for garbage', null],
      ['for an empty object', {}],
      [
        'for an exit that leads nowhere',
        workflow(
          [
            { id: 'start', kind: 'start' },
            { id: 'c', kind: 'condition', data: { condition: c('size', 'gte', 1) } },
            routeTo('r'),
          ],
          [
            ['start', 'next', 'c'],
            ['c', 'true', 'r'],
          ],
        ),
      ],
    ])('%s', (_, input) => {
      let error: unknown;
      try {
        compile(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WorkflowInvalidError);
      const invalid = error as WorkflowInvalidError;
      expect(invalid.code).toBe('workflow_invalid');
      expect(invalid.issues.length).toBeGreaterThan(0);
      expect(invalid.issues).toEqual(validate(input).filter((i) => i.severity === 'error'));
      expect(invalid.message).toContain(invalid.issues[0]!.message);
    });

    it('and names the node at fault', () => {
      const w = rich();
      (w.nodes[1]!.data as { condition: Condition }).condition = c('size', 'gte', 'many' as never);
      expect(() => compile(w)).toThrow(WorkflowInvalidError);
      try {
        compile(w);
      } catch (e) {
        expect((e as WorkflowInvalidError).issues).toEqual([
          expect.objectContaining({ code: 'value_type_mismatch', nodeId: 'check' }),
        ]);
      }
    });
  });

  it('compiles despite warnings, leaving unreachable nodes out', () => {
    const w = rich();
    w.nodes.push(
      { id: 'island', kind: 'stage', data: { stage: 'SQL' } },
      { id: 'island-route', kind: 'route', data: { to: 'nurture', track: 'Island' } },
    );
    w.edges.push({ id: 'island-edge', from: 'island', port: 'next', to: 'island-route' });
    expect(validate(w).map((i) => [i.code, i.severity, i.nodeId])).toEqual([
      ['unreachable', 'warning', 'island'],
      ['unreachable', 'warning', 'island-route'],
    ]);
    const artifact = compile(w);
    expect(Object.keys(artifact.nodes)).not.toContain('island');
    expect(Object.keys(artifact.nodes)).not.toContain('island-route');
    expect(Object.keys(artifact.nodes).sort()).toEqual(
      ['start', 'check', 'fit', 'bant', 'champ', 'tiers', 'mql', 'sales', 'nurture', 'dq'].sort(),
    );
    expect(Object.keys(artifact.nodes)[0]).toBe('start');
  });

  describe('is deterministic', () => {
    it('byte-identical for the same input', () => {
      const w = rich();
      expect(JSON.stringify(compile(w))).toBe(JSON.stringify(compile(w)));
    });

    it('byte-identical for a structured clone of the input', () => {
      expect(JSON.stringify(compile(rich()))).toBe(JSON.stringify(compile(structuredClone(rich()))));
    });

    it('byte-identical for the same document read back from JSON', () => {
      expect(JSON.stringify(compile(JSON.parse(JSON.stringify(rich()))))).toBe(
        JSON.stringify(compile(rich())),
      );
    });

    it('leaves its input as it was', () => {
      const w = rich();
      const before = JSON.stringify(w);
      compile(w);
      expect(JSON.stringify(w)).toBe(before);
    });

    it('gives equal decisions for a clone', () => {
      const a = prepare(compile(rich()));
      const b = prepare(compile(structuredClone(rich())));
      const lead = {
        size: 120,
        title: 'VP',
        demo: 'yes',
        industry: 'saas',
        lastVisit: '2026-02-28',
        tags: 'pricing',
      };
      const now = '2026-03-02T09:00:00Z';
      expect(b.evaluate(lead, { now })).toStrictEqual(a.evaluate(lead, { now }));
    });
  });

  it('uses only standard json-logic-js operations', () => {
    const expressions = expressionsOf(compile(rich()));
    expect(expressions.length).toBeGreaterThan(everyComparison.length);
    const used = new Set<string>();
    for (const [where, e] of expressions) {
      for (const op of operationsOf(e)) {
        expect(STANDARD.has(op), `${op} in ${where}`).toBe(true);
        used.add(op);
      }
    }
    expect(used).toContain('var');
  });

  describe('is linear in the size of the graph', () => {
    it.each(['score', 'condition'] as const)('a chain of %s nodes', (kind) => {
      const size = (n: number) => {
        const w = chain(kind, n);
        expect(validate(w)).toEqual([]);
        const artifact = compile(w);
        expect(Object.keys(artifact.nodes)).toHaveLength(n + (kind === 'condition' ? 3 : 2));
        return JSON.stringify(artifact).length;
      };
      const [s10, s100, s1000] = [size(10), size(100), size(1000)];
      expect(s1000 / s100).toBeLessThan(12);
      expect(s100 / s10).toBeLessThan(12);
      expect(s1000 / s100).toBeGreaterThan(8);
    });
  });
});
