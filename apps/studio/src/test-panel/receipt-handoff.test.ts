import { compile, describeSchedule, prepare, type Stage, type Workflow } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import leads from '../../../../examples/bant-inbound-saas.leads.json' with { type: 'json' };
import bant from '../../../../examples/bant-inbound-saas.workflow.json' with { type: 'json' };
import type { Pool } from '../api/team.ts';
import type { HandoffAnswer } from '../api/types.ts';
import { previewLine, receiptHandoff } from './receipt-handoff.ts';

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
  it("shows a test run's previewed hand-off in one line: who and why, the due time in the pool's zone, nothing assigned", () => {
    const d = evaluate(withPool(), hot);
    const handoff: HandoffAnswer = {
      leadId: null,
      priorStage: null,
      stage: 'SAL',
      stageKept: false,
      owner: { id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
      pool: 'emea',
      queue: 'Inbound SDR',
      assigned: 'new',
      reasons: ['Bob skipped: day off', 'Ann: next in turn in EMEA AEs'],
      sla: {
        dueAt: '2026-11-30T12:00:00.000Z',
        workingHours: describeSchedule(emea.schedule),
        status: 'open',
      },
      preview: true,
    };
    const h = receiptHandoff({ ...d, handoff }, { pools: [emea] });
    expect(h.preview).toBe(
      'Would go to Ann: next in turn in EMEA AEs · due Mon 30 Nov, 13:00 (Mon–Fri 09:00–17:00, Europe/Berlin) · preview, nothing assigned',
    );
    expect(h.due).toMatchObject({ at: '2026-11-30T12:00:00.000Z', zone: 'Europe/Berlin' });
    // Without the team, the due time is the viewer's; the working hours still say the pool's zone.
    const kept = previewLine({ ...handoff, assigned: 'kept' }, 'UTC');
    expect(kept).toBe(
      'Would stay with Ann: already owns the lead · due Mon 30 Nov, 12:00 (Mon–Fri 09:00–17:00, Europe/Berlin) · preview, nothing assigned',
    );
    const fallback = previewLine(
      {
        ...handoff,
        owner: null,
        assigned: 'fallback',
        reasons: ['Nobody eligible in EMEA AEs: to the fallback queue Inbound SDR'],
      },
      'Europe/Berlin',
    );
    expect(fallback).toMatch(/^Would go to the Inbound SDR queue \(Nobody eligible in EMEA AEs/);
    expect(previewLine({ ...handoff, assigned: null, sla: null })).toBe(
      'Would stay with Ann: not routed to sales this time · preview, nothing assigned',
    );
    // A live evaluation's hand-off is no preview.
    expect(previewLine({ ...handoff, preview: undefined })).toBeNull();
  });

  it('shows no owner when the runtime gave no hand-off (no lead id, not routed to sales)', () => {
    const h = receiptHandoff(evaluate(withPool(), hot), { pools: [emea] });
    expect([h.owner, h.due, h.preview]).toEqual([null, null, null]);
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
