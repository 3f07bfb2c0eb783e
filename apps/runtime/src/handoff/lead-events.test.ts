import { describe, expect, it } from 'vitest';
import { applyLeadEvent, type LeadSnapshot } from './lead-events.ts';

const HOUR = 3_600_000;
const due = Date.parse('2026-11-30T13:00:00Z');
const ann = { id: 'u-ann', name: 'Ann', email: 'ann@x.test' };
const lead = (more: Partial<LeadSnapshot> = {}): LeadSnapshot => ({
  stage: 'SAL',
  owner: ann,
  sla: { status: 'open', dueAt: due },
  ...more,
});

describe('applyLeadEvent', () => {
  it.each([
    ['before the due time', due - 2.5 * HOUR, 'met', 'First contact met, 2.5 hours before the due time'],
    ['at the due time', due, 'met', 'First contact met, 0.0 hours before the due time'],
    ['after it', due + HOUR, 'met_late', 'First contact met late, 1.0 hours after the due time'],
  ])('contacted %s meets the SLA', (_, at, change, sentence) => {
    expect(applyLeadEvent(lead(), { eventId: 'e', type: 'contacted' }, at)).toEqual({
      stage: 'SAL',
      stageChange: null,
      releaseOwner: false,
      sla: [change],
      applied: [sentence],
    });
  });

  it('contacted without a live SLA is a touch', () => {
    expect(applyLeadEvent(lead({ sla: null }), { eventId: 'e', type: 'contacted' }, due)).toMatchObject({
      sla: ['touch'],
      applied: ['Contact recorded'],
    });
  });

  it('accepted lifts the stage to SAL at least, from Disqualified too, never down', () => {
    const up = applyLeadEvent(lead({ stage: 'MQL' }), { eventId: 'e', type: 'accepted' }, due);
    expect(up).toMatchObject({
      stage: 'SAL',
      stageChange: { from: 'MQL', to: 'SAL', reason: 'accepted by sales' },
    });
    expect(
      applyLeadEvent(lead({ stage: 'Disqualified' }), { eventId: 'e', type: 'accepted' }, due),
    ).toMatchObject({ stage: 'SAL' });
    expect(applyLeadEvent(lead({ stage: 'SQL' }), { eventId: 'e', type: 'accepted' }, due)).toMatchObject({
      stage: 'SQL',
      stageChange: null,
      applied: ['Accepted by sales'],
    });
  });

  it('rejected goes back to MQL by default or the stage given, releasing the owner and closing the SLA', () => {
    expect(
      applyLeadEvent(lead({ stage: 'SQL' }), { eventId: 'e', type: 'rejected', reason: 'no budget' }, due),
    ).toEqual({
      stage: 'MQL',
      stageChange: { from: 'SQL', to: 'MQL', reason: 'no budget' },
      releaseOwner: true,
      sla: ['close'],
      applied: ['Stage SQL → MQL: no budget', 'Owner Ann released', 'SLA closed: rejected by sales'],
    });
    expect(
      applyLeadEvent(lead(), { eventId: 'e', type: 'rejected', reason: 'spam', stage: 'Disqualified' }, due),
    ).toMatchObject({ stage: 'Disqualified' });
  });

  it('rejected to a stage not lower than the current is refused with what to send instead', () => {
    const result = applyLeadEvent(
      lead({ stage: 'MQL' }),
      { eventId: 'e', type: 'rejected', reason: 'x' },
      due,
    );
    expect(result).toEqual({
      invalid:
        "A rejected lead goes back to a lower stage: MQL is not lower than the lead's stage MQL. Send a lower stage (for example Lead) or leave it out for MQL.",
    });
    expect(
      applyLeadEvent(
        lead({ stage: 'Disqualified' }),
        { eventId: 'e', type: 'rejected', reason: 'x', stage: 'Disqualified' },
        due,
      ),
    ).toHaveProperty('invalid');
  });

  it('converted lifts the stage to Opportunity and closes the SLA', () => {
    expect(applyLeadEvent(lead(), { eventId: 'e', type: 'converted' }, due)).toEqual({
      stage: 'Opportunity',
      stageChange: { from: 'SAL', to: 'Opportunity', reason: 'converted' },
      releaseOwner: false,
      sla: ['close'],
      applied: ['Stage SAL → Opportunity: converted', 'SLA closed: converted'],
    });
    expect(
      applyLeadEvent(lead({ stage: 'Customer', sla: null }), { eventId: 'e', type: 'converted' }, due),
    ).toMatchObject({
      stage: 'Customer',
      stageChange: null,
      sla: [],
    });
  });
});
