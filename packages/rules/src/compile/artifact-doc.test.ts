// docs/artifact.md's example is what the compiler makes of the workflow it describes, byte for byte.
import { readFileSync } from 'node:fs';
import { compare as c, compile } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { workflow } from '../testing/build.ts';

const doc = readFileSync(new URL('../../../../docs/artifact.md', import.meta.url), 'utf8');
const shown = /## Example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]!;

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
});
