// Stages only move forward, through both evaluators: the receipt (evaluate) and the fused decide().
import {
  compare,
  compile,
  compileLogic,
  type Field,
  nextStage,
  prepare,
  STAGE_LADDER,
  STAGES,
  type Stage,
  stageRank,
  validate,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { type EdgeSpec, NOW, type NodeSpec, workflow } from '../testing/build.ts';

const FIELDS: Field[] = [
  { path: 'hot', label: 'Hot', type: 'boolean', category: 'fit' },
  { path: 'crm.stage', label: 'CRM stage', type: 'string', category: 'fit', currentStage: true },
  { path: 'sales.status', label: 'Sales status', type: 'string', category: 'conversation' },
];

/**
 * start → rejected by sales? yes: nurture, recycled to MQL · no: hot? yes: SQL → sales · no: MQL → nurture.
 */
function pipeline(fields: Field[] = FIELDS) {
  const nodes: NodeSpec[] = [
    { id: 'start', kind: 'start' },
    { id: 'rejected', kind: 'condition', data: { condition: compare('sales.status', 'eq', 'rejected') } },
    {
      id: 'recycle',
      kind: 'route',
      data: {
        to: 'nurture',
        track: 'Re-engage',
        recycle: { stage: 'MQL', reason: 'sales rejected it (no budget)' },
      },
    },
    { id: 'hot', kind: 'condition', data: { condition: compare('hot', 'eq', true) } },
    { id: 'sql', kind: 'stage', data: { stage: 'SQL' } },
    {
      id: 'sales',
      kind: 'route',
      data: { to: 'sales', queue: 'SDR team', sla: { firstContactHours: 4, touches: 3 } },
    },
    { id: 'mql', kind: 'stage', data: { stage: 'MQL' } },
    { id: 'nurture', kind: 'route', data: { to: 'nurture', track: 'Newsletter' } },
  ];
  const edges: EdgeSpec[] = [
    ['start', 'next', 'rejected'],
    ['rejected', 'true', 'recycle'],
    ['rejected', 'false', 'hot'],
    ['hot', 'true', 'sql'],
    ['sql', 'next', 'sales'],
    ['hot', 'false', 'mql'],
    ['mql', 'next', 'nurture'],
  ];
  return workflow(nodes, edges, fields);
}

const KEPT = 'Kept at SQL: stages only move forward (this path sets MQL).';

describe('nextStage', () => {
  it('orders the ladder and leaves Disqualified beside it', () => {
    expect(STAGE_LADDER).toEqual(STAGES.filter((s) => s !== 'Disqualified'));
    expect(STAGE_LADDER.map(stageRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stageRank('Disqualified')).toBe(-1);
  });

  type Row = [current: Stage | null, proposed: Stage, stage: Stage, kept: boolean];
  it.each<Row>([
    [null, 'MQL', 'MQL', false],
    ['Lead', 'MQL', 'MQL', false],
    ['MQL', 'MQL', 'MQL', false],
    ['SQL', 'MQL', 'SQL', true],
    ['Customer', 'Subscriber', 'Customer', true],
    ['Opportunity', 'Customer', 'Customer', false],
    // Marketing may still disqualify; from SAL up only sales takes a lead back.
    ['Subscriber', 'Disqualified', 'Disqualified', false],
    ['MQL', 'Disqualified', 'Disqualified', false],
    ['SAL', 'Disqualified', 'SAL', true],
    ['Customer', 'Disqualified', 'Customer', true],
    // A disqualified lead re-enters where the new evaluation puts it.
    ['Disqualified', 'Lead', 'Lead', false],
    ['Disqualified', 'SQL', 'SQL', false],
  ])('at %s, proposed %s: %s (kept %s)', (current, proposed, stage, kept) => {
    expect(nextStage(current, proposed)).toEqual({ stage, kept, recycled: false });
  });

  it('lets a recycle set its stage, lower or not', () => {
    const recycle = { stage: 'MQL' as const, reason: 'no budget' };
    expect(nextStage('SQL', 'Lead', recycle)).toEqual({ stage: 'MQL', kept: false, recycled: true });
    expect(nextStage(null, 'Lead', recycle)).toEqual({ stage: 'MQL', kept: false, recycled: true });
  });
});

describe('stages only move forward in evaluate() and decide()', () => {
  const wf = pipeline();
  const artifact = compile(wf);
  const prepared = prepare(artifact);
  const now = NOW;

  /** Both evaluators, which must agree on stage, prior stage and kept. */
  const both = (lead: object, currentStage?: Stage | string | null) => {
    const d = prepared.evaluate(lead, { now, currentStage: currentStage as Stage });
    const o = prepared.decide(lead, { now, currentStage: currentStage as Stage });
    expect(prepared.fallback).toBeNull();
    expect({
      stage: o.stage,
      priorStage: o.priorStage,
      stageKept: o.stageKept,
      dataIssues: o.dataIssues,
    }).toEqual({
      stage: d.stage,
      priorStage: d.priorStage,
      stageKept: d.stageKept,
      dataIssues: d.dataIssues,
    });
    return d;
  };

  it('is valid and fused', () => {
    expect(validate(wf)).toEqual([]);
    expect(prepared.fallback).toBeNull();
  });

  it('takes the path’s stage for a lead with no current stage, and says nothing more', () => {
    const d = both({ hot: false });
    expect(d).toMatchObject({ stage: 'MQL', priorStage: null, stageKept: false });
    expect(d.reasons.some((r) => r.startsWith('Kept'))).toBe(false);
  });

  it('keeps SQL when the path sets MQL (current stage as the option), and says so in the receipt', () => {
    const d = both({ hot: false }, 'SQL');
    expect(d).toMatchObject({ stage: 'SQL', priorStage: 'SQL', stageKept: true });
    expect(d.reasons.at(-1)).toBe(KEPT);
    // The route is the path's: only the stage is kept.
    expect(d.route?.target).toBe('Newsletter');
  });

  it('moves forward from a lower current stage', () => {
    expect(both({ hot: true }, 'MQL')).toMatchObject({ stage: 'SQL', priorStage: 'MQL', stageKept: false });
  });

  it('reads the current stage from the marked field, case-insensitively, before the option', () => {
    const d = both({ hot: false, crm: { stage: ' sql ' } }, 'Lead');
    expect(d).toMatchObject({ stage: 'SQL', priorStage: 'SQL', stageKept: true, dataIssues: [] });
    expect(d.reasons).toContain(KEPT);
  });

  it('reports a field value that is not a stage as a data issue and falls back to the option', () => {
    const d = both({ hot: false, crm: { stage: 'Hot prospect' } }, 'SQL');
    expect(d).toMatchObject({ stage: 'SQL', priorStage: 'SQL', stageKept: true });
    expect(d.dataIssues).toEqual([
      {
        field: 'crm.stage',
        code: 'not_allowed_value',
        message:
          'crm.stage: "hot prospect" is not a stage (Subscriber, Lead, MQL, SAL, SQL, Opportunity, Customer, Disqualified); the current stage was not read from it.',
      },
    ]);
    const alone = both({ hot: false, crm: { stage: 'Hot prospect' } });
    expect(alone).toMatchObject({ stage: 'MQL', priorStage: null, stageKept: false });
  });

  it('reads a value that means missing as no current stage, without a data issue', () => {
    expect(both({ hot: false, crm: { stage: 'N/A' } })).toMatchObject({ priorStage: null, dataIssues: [] });
    expect(both({ hot: false, crm: { stage: '' } })).toMatchObject({ priorStage: null, dataIssues: [] });
  });

  it('recycles on purpose: a rejected lead at SQL goes back to MQL, with the reason', () => {
    const d = both({ sales: { status: 'rejected' }, crm: { stage: 'SQL' } });
    expect(d).toMatchObject({ stage: 'MQL', priorStage: 'SQL', stageKept: false });
    expect(d.route).toMatchObject({
      kind: 'nurture',
      target: 'Re-engage',
      recycle: { stage: 'MQL', reason: 'sales rejected it (no budget)' },
    });
    expect(d.reasons.slice(-2)).toEqual([
      'Routed to Nurture: Re-engage, recycled to MQL.',
      'Recycled to MQL: sales rejected it (no budget).',
    ]);
  });

  it('accepts the option in any case and refuses text that is no stage', () => {
    expect(both({ hot: false }, 'sql')).toMatchObject({ stage: 'SQL', stageKept: true });
    expect(() => prepared.evaluate({}, { now, currentStage: 'Hot' as Stage })).toThrow(RangeError);
    expect(() => prepared.decide({}, { now, currentStage: 'Hot' as Stage })).toThrow(RangeError);
  });

  it('applies the same rule in the step driver (another engine) as in the fused decide()', () => {
    // Another engine: decide() runs the step driver rather than the fused function.
    const steps = prepare(artifact, { engine: (rule) => compileLogic(rule) });
    for (const [lead, current] of [
      [{ hot: false }, 'SQL'],
      [{ hot: true }, 'Customer'],
      [{ sales: { status: 'rejected' }, crm: { stage: 'opportunity' } }, null],
      [{ hot: false, crm: { stage: 42 } }, 'SAL'],
    ] as [object, Stage | null][]) {
      expect(steps.decide(lead, { now, currentStage: current })).toEqual(
        prepared.decide(lead, { now, currentStage: current }),
      );
    }
  });
});

describe('validation of stages on one path', () => {
  const chain = (first: Stage, second: Stage) =>
    workflow(
      [
        { id: 'start', kind: 'start' },
        { id: 'a', kind: 'stage', label: 'Qualified', data: { stage: first } },
        { id: 'b', kind: 'stage', data: { stage: second } },
        { id: 'end', kind: 'route', data: { to: 'nurture', track: 'Newsletter' } },
      ],
      [
        ['start', 'next', 'a'],
        ['a', 'next', 'b'],
        ['b', 'next', 'end'],
      ],
      FIELDS,
    );

  it('warns, naming both steps, when a path sets a lower stage after a higher one', () => {
    expect(validate(chain('SQL', 'MQL'))).toEqual([
      {
        code: 'stage_goes_back',
        severity: 'warning',
        nodeId: 'b',
        message:
          '"Set stage MQL" sets MQL after "Qualified" set SQL on the same path, so the lead ends lower than it was. If sales handed it back, use a nurture route that recycles it to MQL; otherwise remove one of the two steps.',
      },
    ]);
    expect(validate(chain('SAL', 'Disqualified')).map((i) => i.code)).toEqual(['stage_goes_back']);
  });

  it('says nothing when stages climb, or when marketing disqualifies', () => {
    expect(validate(chain('MQL', 'SQL'))).toEqual([]);
    expect(validate(chain('MQL', 'Disqualified'))).toEqual([]);
    expect(validate(chain('Disqualified', 'Lead'))).toEqual([]);
  });
});
