import {
  addWorkingHours,
  compile,
  describeSchedule,
  prepare,
  type Stage,
  type Workflow,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import leads from '../../../../examples/bant-inbound-saas.leads.json' with { type: 'json' };
import bant from '../../../../examples/bant-inbound-saas.workflow.json' with { type: 'json' };
import type { HandoffAnswer, Pool } from '../api/types.ts';
import { receiptHandoff } from './receipt-handoff.ts';

const hot = leads.find((l) => l.expect.route === 'sales')!.lead;
const NOW = '2026-11-27T17:30:00.000Z'; // a Friday, after hours in Berlin

/** The example with its sales route handed to a pool (and an account-owner field), as a route form would. */
function withPool(): Workflow {
  const wf = structuredClone(bant) as unknown as Workflow;
  wf.fields.push({ path: 'account.ownerId', label: 'Account owner', type: 'string', category: 'fit' });
  const sales = wf.nodes.find((n) => n.id === 'toSales')!;
  Object.assign(sales.data as object, {
    assign: { pool: 'emea', method: 'turn', ownerField: 'account.ownerId' },
  });
  return wf;
}

const emea: Pool = {
  id: 'emea',
  name: 'EMEA AEs',
  schedule: {
    timeZone: 'Europe/Berlin',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '17:00',
    daysOff: [],
  },
  reps: [],
  revision: 1,
  updatedAt: NOW,
};

const evaluate = (wf: Workflow, lead: Record<string, unknown>, currentStage?: Stage) =>
  prepare(compile(wf)).evaluate(lead, { now: NOW, currentStage });

describe('receiptHandoff', () => {
  it('previews a pooled route: the pool and method, and the due time in its working hours', () => {
    const d = evaluate(withPool(), hot);
    const h = receiptHandoff(d, { pools: [emea] });
    expect(h.owner?.text).toBe(
      'From the EMEA AEs pool, round robin by turn: a live evaluation picks the rep; a test assigns nobody.',
    );
    expect(h.owner?.why).toEqual([
      'The account owner (account.ownerId) comes first when in the pool and working.',
      'Nobody eligible: the Inbound SDR queue.',
    ]);
    expect(h.due).toEqual({
      at: new Date(addWorkingHours(Date.parse(NOW), 4, emea.schedule)).toISOString(),
      within: '4 working hours',
      hours: describeSchedule(emea.schedule),
      zone: 'Europe/Berlin',
    });
    expect(h.stageNote).toBeNull();
  });

  it('says so when the pool is not on the team, and keeps calendar hours', () => {
    const d = evaluate(withPool(), hot);
    const h = receiptHandoff(d, { pools: [] });
    expect(h.due).toMatchObject({
      at: d.sla!.dueAt,
      hours: expect.stringMatching(/no pool "emea" on the Team page/),
    });
    const noPool = receiptHandoff(evaluate(bant as unknown as Workflow, hot), { pools: [emea] });
    expect(noPool.owner?.text).toBe('Nobody by name: the Inbound SDR queue');
    expect(noPool.due?.hours).toMatch(/^Calendar hours/);
  });

  it('highlights a kept stage with the exact sentence of the receipt', () => {
    const d = evaluate(bant as unknown as Workflow, hot, 'SQL');
    expect(d.stageKept).toBe(true);
    const h = receiptHandoff(d, null);
    expect(h.stageNote).toEqual({
      kind: 'kept',
      text: 'Kept at SQL: stages only move forward (this path sets SAL).',
    });
  });

  it('highlights a recycle, the one way a stage goes back', () => {
    const wf = structuredClone(bant) as unknown as Workflow;
    const nurture = wf.nodes.find((n) => n.id === 'toMqlNurture')!;
    Object.assign(nurture.data as object, {
      recycle: { stage: 'MQL', reason: 'sales rejected it (no budget)' },
    });
    const lead = leads.find((l) => l.expect.target === 'Product education')!.lead;
    const d = evaluate(wf, lead, 'SQL');
    expect(d.stage).toBe('MQL');
    expect(receiptHandoff(d, null).stageNote).toEqual({
      kind: 'recycled',
      text: 'Recycled to MQL: sales rejected it (no budget).',
    });
    expect(receiptHandoff(d, null).owner).toBeNull();
  });

  it("shows a live evaluation's owner, reasons and working-hours due time as the runtime answered", () => {
    const d = evaluate(withPool(), hot);
    const handoff: HandoffAnswer = {
      leadId: 'L-1',
      priorStage: null,
      stage: 'SAL',
      stageKept: false,
      owner: { id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
      pool: 'emea',
      queue: 'Inbound SDR',
      assigned: 'new',
      reasons: ['Ann: next in turn in EMEA AEs', 'Bob skipped: at his daily cap (20)'],
      sla: {
        dueAt: '2026-11-30T11:30:00.000Z',
        workingHours: 'Mon–Fri 09:00–17:00, Europe/Berlin',
        status: 'open',
      },
    };
    const h = receiptHandoff({ ...d, handoff }, null);
    expect(h.owner).toEqual({ text: 'Ann (ann@example.com)', why: handoff.reasons });
    expect(h.due).toEqual({
      at: '2026-11-30T11:30:00.000Z',
      within: '4 working hours',
      hours: 'Mon–Fri 09:00–17:00, Europe/Berlin',
    });
  });
});
