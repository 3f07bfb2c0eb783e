// docs/artifact.md's example is what the compiler makes of the workflow it describes, byte for byte.
import { readFileSync } from 'node:fs';
import { compare as c, compile } from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { workflowArb } from '../testing/arbitraries.ts';
import { expressionsOf, operationsOf } from '../testing/artifact-walk.ts';
import { workflow } from '../testing/build.ts';

const doc = readFileSync(new URL('../../../../docs/artifact.md', import.meta.url), 'utf8');
const shown = /## Example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]!;
const subset = /## The portable subset([\s\S]*?)## The driver/.exec(doc)![1]!;
/** The operations the subset table names: each `{"op"` in its first column. */
const documented = new Set(
  subset
    .split('\n')
    .filter((line) => line.startsWith('| `{'))
    .flatMap((line) => [...line.split(' | ')[0]!.matchAll(/\{"([^"]+)"/g)].map((m) => m[1]!)),
);

/** "A score node with a cap and a decaying rule, a one-criterion gate and two routes". */
const tiny = {
  ...workflow(
    [
      { id: 'start', kind: 'start', label: 'Lead arrives' },
      {
        id: 'fit',
        kind: 'score',
        label: 'Fit',
        data: {
          scoreType: 'fit',
          cap: 30,
          rules: [
            { id: 'size', label: '50+ employees', condition: c('company.size', 'gte', 50), points: 20 },
            {
              id: 'recent',
              label: 'Visited recently',
              condition: c('lastVisit', 'present'),
              points: 20,
              decay: { field: 'lastVisit', days: 7 },
            },
          ],
        },
      },
      {
        id: 'gate',
        kind: 'gate',
        label: 'Need',
        data: {
          framework: 'custom',
          criteria: [{ id: 'need', label: 'Need', condition: c('need', 'eq', 'high') }],
          pass: { rule: 'atLeast', count: 1 },
        },
      },
      {
        id: 'sales',
        kind: 'route',
        label: 'Sales',
        data: { to: 'sales', queue: 'SDR', priority: 'high', sla: { firstContactHours: 4, touches: 3 } },
      },
      { id: 'nurture', kind: 'route', label: 'Nurture', data: { to: 'nurture', track: 'Newsletter' } },
    ],
    [
      ['start', 'next', 'fit'],
      ['fit', 'next', 'gate'],
      ['gate', 'pass', 'sales'],
      ['gate', 'fail', 'nurture'],
    ],
    [
      { path: 'company.size', label: 'Company size', type: 'number', category: 'fit' },
      { path: 'need', label: 'Need', type: 'enum', category: 'conversation', values: ['high', 'low'] },
      { path: 'lastVisit', label: 'Last visit', type: 'date', category: 'engagement' },
    ],
    'tiny',
  ),
  name: 'Tiny',
};

describe('docs/artifact.md', () => {
  it("shows the compiler's own output as its example", () => {
    expect(shown).toBe(`${JSON.stringify(compile(tiny), null, 1)}\n`);
  });

  it('names exactly the operations compiled workflows use: every example and random workflows of every kind and operator', () => {
    const used = new Set<string>();
    const collect = (wf: unknown) => {
      for (const [, e] of expressionsOf(compile(wf))) operationsOf(e, used);
    };
    for (const e of loadExamples()) collect(e.workflow);
    for (const { workflow: wf } of fc.sample(workflowArb, { seed: 9, numRuns: 300 })) collect(wf);
    expect([...used].sort()).toEqual([...documented].sort());
  });
});
