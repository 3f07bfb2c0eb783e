import { type Decision, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, NOW, run } from '../testing/build.ts';

const sales = (hours: number, extra: object = {}) => ({
  to: 'sales',
  queue: 'Inbound SDR',
  sla: { firstContactHours: hours, touches: 5 },
  ...extra,
});

type Row = [description: string, data: unknown, now: string, expected: Pick<Decision, 'route' | 'sla'>];

const rows: Row[] = [
  [
    'sales: due 4 hours after now, normal priority by default',
    sales(4),
    NOW,
    {
      route: { kind: 'sales', target: 'Inbound SDR', nodeId: 'n', label: 'Hand-off', priority: 'normal' },
      sla: { owner: 'Inbound SDR', respondWithinHours: 4, touches: 5, dueAt: '2026-03-02T13:00:00.000Z' },
    },
  ],
  [
    'sales: high priority, due the next day',
    sales(24, { priority: 'high' }),
    '2026-12-31T18:30:00Z',
    {
      route: { kind: 'sales', target: 'Inbound SDR', nodeId: 'n', label: 'Hand-off', priority: 'high' },
      sla: { owner: 'Inbound SDR', respondWithinHours: 24, touches: 5, dueAt: '2027-01-01T18:30:00.000Z' },
    },
  ],
  [
    'sales: half an hour',
    sales(0.5, { priority: 'low' }),
    NOW,
    {
      route: { kind: 'sales', target: 'Inbound SDR', nodeId: 'n', label: 'Hand-off', priority: 'low' },
      sla: { owner: 'Inbound SDR', respondWithinHours: 0.5, touches: 5, dueAt: '2026-03-02T09:30:00.000Z' },
    },
  ],
  [
    'nurture: the track is the target, no SLA',
    { to: 'nurture', track: 'Product education' },
    NOW,
    { route: { kind: 'nurture', target: 'Product education', nodeId: 'n', label: 'Hand-off' }, sla: null },
  ],
  [
    'disqualify: the reason is the target, no SLA',
    { to: 'disqualify', reason: 'Student or intern' },
    NOW,
    { route: { kind: 'disqualify', target: 'Student or intern', nodeId: 'n', label: 'Hand-off' }, sla: null },
  ],
];

describe('route node', () => {
  it.each(rows)('%s', (_, data, now, expected) => {
    const wf = around('route', data, { label: 'Hand-off' });
    expect(validate(wf)).toEqual([]);
    const d = run(wf, { size: 1 }, now);
    expect(d.route).toStrictEqual(expected.route);
    expect(d.sla).toStrictEqual(expected.sla);
    expect(d.path).toEqual(['start', 'n']);
    expect(d.evaluatedAt).toBe(new Date(now).toISOString());
  });

  it('dueAt follows the evaluation time given as epoch ms', () => {
    const d = run(around('route', sales(2)), {}, Date.parse('2026-01-01T00:00:00Z'));
    expect(d.sla?.dueAt).toBe('2026-01-01T02:00:00.000Z');
  });

  it('uses the kind title as label when the node has none', () => {
    expect(run(around('route', { to: 'nurture', track: 'Newsletter' }), {}).route?.label).toBe('Route');
  });

  it('says where the lead went in its reason', () => {
    const d = run(around('route', sales(4)), {});
    expect(d.reasons.at(-1)).toBe(
      'Routed to Sales (Inbound SDR, normal priority): first contact within 4 hours, 5 touches.',
    );
  });

  it('rejects a sales route without a positive SLA', () => {
    const issues = validate(around('route', sales(0)));
    expect(issues.map((i) => [i.code, i.path, i.nodeId])).toContainEqual([
      'schema',
      'nodes.1.data.sla.firstContactHours',
      'n',
    ]);
  });
});
