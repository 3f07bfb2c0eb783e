import { validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { routeTo, run, workflow } from '../testing/build.ts';

const startThenRoute = (data: unknown) =>
  workflow(
    [{ id: 'in', kind: 'start', label: 'Lead arrives', data }, routeTo('out')],
    [['in', 'next', 'out']],
  );

type Row = [description: string, data: unknown, lead: unknown];

const rows: Row[] = [
  ['an empty lead', {}, {}],
  ['a lead with data', {}, { size: 10, title: 'CEO' }],
  ['no data on the node (defaults)', undefined, { size: 10 }],
  ['a null lead', {}, null],
  ['a lead that is a string', {}, 'ann@acme.io'],
  ['a lead that is an array', {}, [1, 2]],
];

describe('start node', () => {
  it.each(rows)('every lead enters here: %s', (_, data, lead) => {
    const wf = startThenRoute(data);
    expect(validate(wf)).toEqual([]);
    const d = run(wf, lead);
    expect(d.path).toEqual(['in', 'out']);
    expect(d.route?.target).toBe('out');
    expect(d.score).toEqual({ total: 0, fit: 0, engagement: 0, contributions: [] });
    expect(d.stage).toBe('Lead');
    expect(d.reasons).toEqual(['Routed to Nurture: out.']);
  });

  it('rejects data that is not an object', () => {
    expect(validate(startThenRoute(5)).map((i) => [i.code, i.nodeId])).toContainEqual(['schema', 'in']);
  });
});
