import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoffStore } from '../types.ts';
import { HOUR, MONDAY_10, pool, rep, type StoreFactory, testClock, toNurture, toSales } from './fixtures.ts';

/** Re-evaluating a known lead, CRM lead events and the SLA clock. */
export function leadsAndSlaContract(factory: StoreFactory) {
  let store: HandoffStore;
  const clock = testClock(MONDAY_10);

  beforeEach(async () => {
    clock.set(Date.parse(MONDAY_10));
    store = await factory.open(await factory.fresh(), clock);
    await store.putPool(pool([rep('ann'), rep('bob'), rep('cy')]));
  });
  afterEach(async () => {
    await store.close();
  });

  describe('a known lead', () => {
    it('previews a hand-off as handoff() then makes it, writing nothing (no turn, no count, no lead)', async () => {
      const request = toSales('L-1', clock.now());
      const [seen] = await store.previewHandoff([request]);
      expect(seen).toMatchObject({ owner: { id: 'ann' }, assigned: 'new', sla: { status: 'open' } });
      expect(await store.getLead('L-1')).toBeUndefined();
      expect((await store.getPool('emea'))?.reps.map((r) => r.assignedToday)).toEqual([0, 0, 0]);
      expect(await store.previewHandoff([request])).toEqual([seen]);
      const [made] = await store.handoff([request]);
      expect(made).toEqual(seen);
    });

    it('stores the stage before a change as its prior stage, and its owner, pool and queue as each decision leaves them', async () => {
      const state = () => store.getLead('L-1');
      await store.handoff([toNurture('L-1', clock.now())]);
      expect(await state()).toMatchObject({ stage: 'MQL', priorStage: null, owner: null, queue: null });
      await store.handoff([toSales('L-1', clock.now())]);
      expect(await state()).toMatchObject({
        stage: 'SAL',
        priorStage: 'MQL',
        owner: { id: 'ann' },
        pool: 'emea',
        queue: 'SDR team',
      });
      // The same stage again: the prior stage stays the one before the change; the owner is kept.
      await store.handoff([{ ...toSales('L-1', clock.now()), priorStage: 'SAL' }]);
      expect(await state()).toMatchObject({ stage: 'SAL', priorStage: 'MQL', owner: { id: 'ann' } });
      // A recycle releases the owner: the stored lead says so.
      await store.handoff([
        toNurture('L-1', clock.now(), { recycle: { stage: 'MQL', reason: 'no budget' }, stage: 'MQL' }),
      ]);
      expect(await state()).toMatchObject({
        stage: 'MQL',
        priorStage: 'SAL',
        owner: null,
        sla: { status: 'closed' },
      });
    });

    it('reads the stored stages an evaluation starts from: known leads only, each once', async () => {
      expect((await store.getStages([])).size).toBe(0);
      await store.handoff([toNurture('L-1', clock.now()), { ...toSales('L-2', clock.now()), stage: 'SQL' }]);
      const stages = await store.getStages(['L-2', 'L-1', 'L-9', 'L-2']);
      expect(Object.fromEntries(stages)).toEqual({ 'L-1': 'MQL', 'L-2': 'SQL' });
      await store.handoff([{ ...toSales('L-1', clock.now()), stage: 'SAL' }]);
      expect((await store.getStages(['L-1'])).get('L-1')).toBe('SAL');
    });

    it('applies the forward-only rule again when the stored stage moved after the evaluation read it', async () => {
      await store.handoff([{ ...toSales('L-1', clock.now()), stage: 'SQL' }]);
      // Read before the SQL was stored (readStage null), this decision sets MQL: the stored SQL stays.
      const [late] = await store.handoff([
        { ...toNurture('L-1', clock.now()), stage: 'MQL', priorStage: null, readStage: null },
      ]);
      expect(late).toMatchObject({ stage: 'SQL', priorStage: 'SQL', stageKept: true });
      expect((await store.getLead('L-1'))?.stage).toBe('SQL');
      // An explicit recycle still goes back.
      const [recycled] = await store.handoff([
        {
          ...toNurture('L-1', clock.now()),
          stage: 'MQL',
          priorStage: null,
          readStage: null,
          recycle: { stage: 'MQL', reason: 'no budget' },
        },
      ]);
      expect(recycled?.stage).toBe('MQL');
    });

    it('does not raise a stage a rejection lowered after the evaluation read it, when the rules kept the stage read', async () => {
      await store.handoff([{ ...toSales('L-1', clock.now()), stage: 'SQL' }]);
      await store.recordEvent('L-1', { eventId: 'r1', type: 'rejected', reason: 'no budget' }, clock.now());
      // Read at SQL before the rejection; the path set MQL and the rules kept SQL.
      const [stale] = await store.handoff([
        {
          ...toNurture('L-1', clock.now()),
          stage: 'SQL',
          priorStage: 'SQL',
          stageKept: true,
          readStage: 'SQL',
        },
      ]);
      expect(stale).toMatchObject({ stage: 'MQL', priorStage: 'MQL', stageKept: true });
      expect(stale?.reasons[0]).toBe(
        'Left at MQL: the lead was moved to MQL after this evaluation read SQL (this decision kept SQL).',
      );
      expect((await store.getLead('L-1'))?.stage).toBe('MQL');
      // A decision that sets a higher stage itself still moves it up.
      const [up] = await store.handoff([{ ...toSales('L-1', clock.now()), stage: 'SQL', readStage: 'SQL' }]);
      expect(up?.stage).toBe('SQL');
    });

    it('keeps its owner and its SLA when evaluated again, using no cap', async () => {
      const [first] = await store.handoff([toSales('L-1', clock.now())]);
      expect(first).toMatchObject({
        leadId: 'L-1',
        owner: { id: 'ann' },
        assigned: 'new',
        sla: { status: 'open' },
      });
      clock.add(HOUR);
      const request = { ...toSales('L-1', clock.now()), priorStage: 'SAL' as const };
      const [again] = await store.handoff([request]);
      expect(again).toMatchObject({
        owner: { id: 'ann' },
        assigned: 'kept',
        sla: { dueAt: first?.sla?.dueAt },
      });
      expect(again?.reasons).toEqual(['Ann already owns the lead: kept (no new assignment)']);
      expect((await store.getPool('emea'))?.reps.map((r) => r.assignedToday)).toEqual([1, 0, 0]);
      expect(await store.getLead('L-404')).toBeUndefined();
      const lead = await store.getLead('L-1');
      expect(lead).toMatchObject({ stage: 'SAL', owner: { id: 'ann' }, pool: 'emea', queue: 'SDR team' });
      expect(lead?.lastDecisionId).toBe(request.decisionId);
    });

    it('answers the timer as it stands when evaluated again: met stays met through a recycle, breached shows breached', async () => {
      const [first] = await store.handoff([toSales('L-1', clock.now()), toSales('L-2', clock.now() + 1)]);
      await store.recordEvent('L-1', { eventId: 'c1', type: 'contacted' }, clock.now() + HOUR);
      const again = () => ({ ...toSales('L-1', clock.now()), priorStage: 'SAL' as const });
      const [kept] = await store.handoff([again()]);
      expect(kept).toMatchObject({ assigned: 'kept', sla: { status: 'met', dueAt: first?.sla?.dueAt } });
      const [recycled] = await store.handoff([
        toNurture('L-1', clock.now(), { priorStage: 'SAL', recycle: { stage: 'MQL', reason: 'no budget' } }),
      ]);
      expect(recycled).toMatchObject({ owner: null, sla: null });
      expect((await store.getLead('L-1'))?.sla).toMatchObject({ status: 'met', closedAt: null });

      await store.tickSla(Date.parse(first?.sla?.dueAt as string) + HOUR);
      const [breached] = await store.handoff([{ ...toSales('L-2', clock.now()), priorStage: 'SAL' }]);
      expect(breached).toMatchObject({ owner: { id: 'bob' }, assigned: 'kept', sla: { status: 'breached' } });
    });

    it('keeps the SLA of a lead routed to nurture while sales holds it', async () => {
      await store.handoff([toSales('L-1', clock.now())]);
      const [nurtured] = await store.handoff([
        toNurture('L-1', clock.now(), { stage: 'SAL', priorStage: 'SAL', stageKept: true }),
      ]);
      expect(nurtured).toMatchObject({
        owner: { id: 'ann' },
        assigned: null,
        sla: { status: 'open' },
        stageKept: true,
      });
    });

    it('releases the owner and closes the SLA on an explicit recycle; the next sales route assigns anew', async () => {
      await store.handoff([toSales('L-1', clock.now())]);
      const [recycled] = await store.handoff([
        toNurture('L-1', clock.now(), {
          priorStage: 'SAL',
          recycle: { stage: 'MQL', reason: 'sales rejected it (no budget)' },
        }),
      ]);
      expect(recycled).toMatchObject({ owner: null, stage: 'MQL', sla: null });
      const [back] = await store.handoff([toSales('L-1', clock.now())]);
      expect(back).toMatchObject({ owner: { id: 'bob' }, assigned: 'new' });
    });
  });

  describe('lead events', () => {
    it('applies an event once: the same id and body answer the first result, another body is a conflict', async () => {
      await store.handoff([toSales('L-1', clock.now())]);
      const ev = { eventId: 'crm-1', type: 'contacted' as const, by: 'ann' };
      const first = await store.recordEvent('L-1', ev, clock.now() + HOUR);
      if (!('ok' in first)) throw new Error('expected ok');
      expect(first.duplicate).toBe(false);
      expect(first.ok.applied).toEqual(['First contact met, 3.0 hours before the due time']);
      expect(first.ok.lead.sla?.status).toBe('met');
      const again = await store.recordEvent('L-1', ev, clock.now() + 2 * HOUR);
      expect(again).toEqual({ ok: first.ok, duplicate: true });
      expect(await store.recordEvent('L-1', { ...ev, by: 'bob' }, clock.now())).toEqual({ conflict: true });
      expect(await store.recordEvent('L-404', { eventId: 'crm-2', type: 'contacted' }, clock.now())).toEqual({
        unknownLead: true,
      });
      const detail = await store.getLead('L-1');
      expect(detail?.events.map((e) => [e.eventId, e.type, e.by])).toEqual([['crm-1', 'contacted', 'ann']]);
      expect(detail?.sla?.touched).toBe(1);
    });

    it('rejected releases the owner, closes the SLA and lowers the stage; it must go lower', async () => {
      await store.handoff([{ ...toSales('L-1', clock.now()), stage: 'SQL' }]);
      const bad = await store.recordEvent(
        'L-1',
        { eventId: 'r0', type: 'rejected', reason: 'no budget', stage: 'SQL' },
        clock.now(),
      );
      expect(bad).toMatchObject({ invalid: expect.stringContaining('SQL is not lower') });
      const result = await store.recordEvent(
        'L-1',
        { eventId: 'r1', type: 'rejected', reason: 'no budget' },
        clock.now(),
      );
      if (!('ok' in result)) throw new Error('expected ok');
      expect(result.ok.applied).toEqual([
        'Stage SQL → MQL: no budget',
        'Owner Ann released',
        'SLA closed: rejected by sales',
      ]);
      expect(result.ok.lead).toMatchObject({
        stage: 'MQL',
        priorStage: 'SQL',
        owner: null,
        sla: { status: 'closed' },
      });
      const [again] = await store.handoff([{ ...toSales('L-1', clock.now()), priorStage: 'MQL' }]);
      expect(again).toMatchObject({ owner: { id: 'bob' }, assigned: 'new', sla: { status: 'open' } });
    });

    it('accepted lifts the stage to SAL and converted to Opportunity, closing the SLA', async () => {
      await store.handoff([{ ...toSales('L-1', clock.now()), stage: 'MQL' }]);
      const accepted = await store.recordEvent('L-1', { eventId: 'a', type: 'accepted' }, clock.now());
      expect(accepted).toMatchObject({
        ok: { lead: { stage: 'SAL', priorStage: 'MQL', sla: { status: 'open' } } },
      });
      const converted = await store.recordEvent('L-1', { eventId: 'c', type: 'converted' }, clock.now());
      expect(converted).toMatchObject({ ok: { lead: { stage: 'Opportunity', sla: { status: 'closed' } } } });
    });
  });

  describe('the SLA clock', () => {
    it('warns, breaches and escalates each step exactly once, reassigning with a new clock', async () => {
      const [start] = await store.handoff([
        toSales('L-1', clock.now(), {
          dueSoonHours: 1,
          escalation: [
            { afterHours: 1, action: 'remind_owner' },
            { afterHours: 2, action: 'notify_manager' },
            { afterHours: 3, action: 'reassign' },
          ],
        }),
      ]);
      const timer = (await store.listSla({ limit: 10 })).items[0];
      if (!timer || !start?.sla) throw new Error('expected a timer');
      expect(timer).toMatchObject({
        leadId: 'L-1',
        owner: { id: 'ann' },
        status: 'open',
        dueAt: start.sla.dueAt,
        pool: 'emea',
      });
      const at = (iso: string) => Date.parse(iso);
      expect(at(timer.dueSoonAt)).toBeLessThan(at(timer.dueAt));

      expect(await store.tickSla(at(timer.dueSoonAt) - 1)).toMatchObject({
        dueSoon: 0,
        breached: 0,
        escalated: 0,
      });
      expect(await store.tickSla(at(timer.dueSoonAt))).toMatchObject({ dueSoon: 1, breached: 0 });
      expect(await store.tickSla(at(timer.dueSoonAt))).toMatchObject({ dueSoon: 0, breached: 0 });
      expect((await store.listSla({ status: 'due_soon', limit: 10 })).items).toHaveLength(1);
      expect(await store.tickSla(at(timer.dueAt))).toMatchObject({ breached: 1, escalated: 0 });
      expect(await store.tickSla(at(timer.dueAt))).toMatchObject({ breached: 0 });
      const [remind, notify, reassign] = timer.escalations;
      expect(timer.escalations.map((e) => e.action)).toEqual(['remind_owner', 'notify_manager', 'reassign']);
      expect(await store.tickSla(at(remind?.dueAt as string))).toMatchObject({ escalated: 1 });
      expect(await store.tickSla(at(notify?.dueAt as string))).toMatchObject({ escalated: 1 });
      expect(await store.tickSla(at(notify?.dueAt as string))).toMatchObject({ escalated: 0 });
      const counts = await store.listSla({ limit: 10 });
      expect(counts.counts).toMatchObject({
        open: 0,
        dueSoon: 0,
        breached: 1,
        byOwner: [{ owner: { id: 'ann' }, breached: 1 }],
      });

      const reassignAt = at(reassign?.dueAt as string);
      expect(await store.tickSla(reassignAt)).toMatchObject({ escalated: 1 });
      expect(await store.tickSla(reassignAt + HOUR / 2)).toMatchObject({
        dueSoon: 0,
        breached: 0,
        escalated: 0,
      });
      const lead = await store.getLead('L-1');
      expect(lead?.owner?.id).toBe('bob');
      expect(lead?.sla).toMatchObject({
        status: 'open',
        owner: { id: 'bob' },
        startedAt: new Date(reassignAt).toISOString(),
      });
      expect(at(lead?.sla?.dueAt as string)).toBeGreaterThan(reassignAt);
      const live = await store.listSla({ limit: 10 });
      expect(live.items.map((s) => s.owner?.id)).toEqual(['bob']);
    });

    it("counts the SLA in the owner's working hours, else the pool's, else calendar hours", async () => {
      // Friday 27 November 2026, 18:30 in Berlin: 4 working hours from Monday 09:00 is Monday 13:00.
      const friday = Date.parse('2026-11-27T17:30:00Z');
      const [berlinLead] = await store.handoff([toSales('L-1', friday)]);
      expect(berlinLead?.sla).toEqual({
        dueAt: '2026-11-30T12:00:00.000Z',
        workingHours: expect.stringContaining('Europe/Berlin'),
        status: 'open',
      });
      const tokyo = {
        timeZone: 'Asia/Tokyo',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
        start: '09:00',
        end: '17:00',
        daysOff: [],
      };
      await store.putPool(
        pool([rep('kai', { schedule: { ...tokyo, days: [...tokyo.days] } })], {
          id: 'apac',
          name: 'APAC AEs',
        }),
      );
      // Saturday 02:30 in Tokyo: Monday 09:00 + 4 h = Monday 13:00 Tokyo = 04:00 UTC.
      const [tokyoLead] = await store.handoff([toSales('L-2', friday, { pool: 'apac' })]);
      expect(tokyoLead?.owner?.id).toBe('kai');
      expect(tokyoLead?.sla?.dueAt).toBe('2026-11-30T04:00:00.000Z');
      const [queueLead] = await store.handoff([toSales('L-3', friday, { pool: undefined })]);
      expect(queueLead).toMatchObject({
        owner: null,
        assigned: null,
        queue: 'SDR team',
        sla: { dueAt: '2026-11-27T21:30:00.000Z', workingHours: null },
      });
    });

    it('stops the clock at first contact: nothing breaches after', async () => {
      const [start] = await store.handoff([
        toSales('L-1', clock.now(), { escalation: [{ afterHours: 0, action: 'remind_owner' }] }),
      ]);
      await store.recordEvent('L-1', { eventId: 'c1', type: 'contacted' }, clock.now());
      const due = Date.parse(start?.sla?.dueAt as string);
      expect(await store.tickSla(due + 100 * HOUR)).toMatchObject({ dueSoon: 0, breached: 0, escalated: 0 });
      expect((await store.listSla({ limit: 10 })).counts).toMatchObject({ open: 0, dueSoon: 0, breached: 0 });
    });

    it('meets late a contact after the due time, and filters and pages the live timers', async () => {
      const results = await store.handoff([
        toSales('L-1', clock.now()),
        toSales('L-2', clock.now() + 1),
        toSales('L-3', clock.now() + 2),
      ]);
      const due = Date.parse(results[0]?.sla?.dueAt as string);
      await store.tickSla(due);
      const late = await store.recordEvent('L-1', { eventId: 'c', type: 'contacted' }, due + HOUR);
      expect(late).toMatchObject({
        ok: {
          applied: ['First contact met late, 1.0 hours after the due time'],
          lead: { sla: { status: 'met_late' } },
        },
      });
      const page1 = await store.listSla({ limit: 1 });
      expect(page1.items.map((s) => s.leadId)).toEqual(['L-2']);
      const page2 = await store.listSla({ limit: 1, cursor: page1.nextCursor as string });
      expect(page2.items.map((s) => s.leadId)).toEqual(['L-3']);
      expect(page2.nextCursor).toBeNull();
      expect((await store.listSla({ owner: 'cy', limit: 10 })).items.map((s) => s.leadId)).toEqual(['L-3']);
      expect((await store.listSla({ workflow: 'other', limit: 10 })).items).toEqual([]);
    });
  });
}
