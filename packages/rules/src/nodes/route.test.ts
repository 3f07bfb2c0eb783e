import { type Decision, describeWorkflow, summarizeNode, validate } from '@qualify/rules';
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

const routeNode = (data: object) => ({ id: 'n', kind: 'route', label: '', data });

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

  it('carries the hand-off of a route that assigns, with defaults, and nothing for one that does not', () => {
    const d = run(
      around(
        'route',
        sales(4, { assign: { pool: 'emea-aes' }, escalation: [{ afterHours: 2, action: 'reassign' }] }),
        {
          fields: [{ path: 'account.ownerId', label: 'Account owner', type: 'string', category: 'fit' }],
        },
      ),
      {},
    );
    expect(d.route?.handoff).toStrictEqual({
      pool: 'emea-aes',
      method: 'turn',
      escalation: [{ afterHours: 2, action: 'reassign' }],
      dueSoonHours: 1,
    });
    const full = run(
      around(
        'route',
        sales(4, {
          assign: { pool: 'emea-aes', method: 'fewest', ownerField: 'account.ownerId' },
          sla: { firstContactHours: 4, touches: 5, acceptWithinHours: 8, dueSoonHours: 2 },
        }),
        { fields: [{ path: 'account.ownerId', label: 'Account owner', type: 'string', category: 'fit' }] },
      ),
      {},
    );
    expect(full.route?.handoff).toStrictEqual({
      pool: 'emea-aes',
      method: 'fewest',
      ownerField: 'account.ownerId',
      escalation: [],
      acceptWithinHours: 8,
      dueSoonHours: 2,
    });
    expect(run(around('route', sales(4)), {}).route).not.toHaveProperty('handoff');
  });

  it('says who gets the lead, in working hours, what sales commits to and how it escalates', () => {
    const fields = [
      { path: 'account.ownerId', label: 'Account owner', type: 'string' as const, category: 'fit' as const },
    ];
    const text = (data: object) =>
      describeWorkflow(around('route', data, { fields })).find((s) => s.nodeId === 'n')?.text;
    expect(text({ ...sales(4), queue: 'SDR team', assign: { pool: 'EMEA AEs', method: 'turn' } })).toBe(
      'The lead goes to Sales (EMEA AEs pool, round robin by turn; fallback queue SDR team; normal priority): first contact within 4 working hours, 5 touches.',
    );
    expect(
      text({
        ...sales(1),
        assign: { pool: 'EMEA AEs', method: 'fewest', ownerField: 'account.ownerId' },
        sla: { firstContactHours: 1, touches: 2, acceptWithinHours: 8 },
        escalation: [
          { afterHours: 0, action: 'remind_owner' },
          { afterHours: 2, action: 'notify_manager' },
          { afterHours: 4, action: 'reassign' },
        ],
      }),
    ).toBe(
      'The lead goes to Sales (EMEA AEs pool, the account owner (account.ownerId) when eligible, else fewest assigned today; fallback queue Inbound SDR; normal priority): first contact within 1 working hour, 2 touches; accept or reject within 8 working hours; when first contact is late: remind the owner at once, then notify the manager after 2 working hours, then reassign to the next eligible rep after 4 working hours.',
    );
    // Without a pool the hours stay calendar hours.
    expect(text({ ...sales(4), escalation: [{ afterHours: 1, action: 'remind_owner' }] })).toBe(
      'The lead goes to Sales (Inbound SDR, normal priority): first contact within 4 hours, 5 touches; when first contact is late: remind the owner after 1 hour.',
    );
    expect(text({ to: 'nurture', track: 'Re-engage', recycle: { stage: 'MQL', reason: 'no budget' } })).toBe(
      'The lead goes to Nurture: Re-engage, recycled to MQL.',
    );
    expect(
      summarizeNode(
        routeNode({ to: 'nurture', track: 'Re-engage', recycle: { stage: 'MQL', reason: 'x' } }),
        [],
      ),
    ).toBe('Nurture: Re-engage (back to MQL)');
    expect(summarizeNode(routeNode({ ...sales(4), assign: { pool: 'EMEA AEs' } }), [])).toBe(
      'Sales → EMEA AEs: contact within 4 working h',
    );
  });
});
