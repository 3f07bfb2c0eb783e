// DELETE /v1/leads/{leadId} through HTTP: every kind of data the runtime keeps about a lead is gone
// afterwards (read back through the API), the counts say what went, other leads stay, it is an admin's,
// and hostile ids erase nothing they should not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { newApiKey } from '../keys.ts';
import { testStoreIsPostgres } from '../pg/test-schemas.ts';
import { ErasureSchema } from '../retention/schemas.ts';
import { KEY_AUDIT, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const MONDAY_10 = '2026-11-30T09:00:00.000Z';

/**
 * The hand-off workflow live at version 1 with version 2 shadow-running beside it, the pool, and a
 * subscription to every event, so a lead leaves a trace in every place the runtime keeps one.
 */
async function setup() {
  t = await testApp({ seed: false });
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
  const sub = await t.call('POST', '/v1/subscriptions', {
    url: 'https://crm.example.com/hook',
    events: ['decision', 'assigned', 'stage.changed'],
  });
  expect(sub.status).toBe(201);
  const w = handoffWorkflow();
  expect((await t.call('POST', '/v1/workflows', w)).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
  const saved = await t.call('PUT', '/v1/workflows/handoff', {
    workflow: { ...w, name: 'Next' },
    revision: 1,
  });
  expect(saved.status).toBe(200);
  expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v2' })).status).toBe(201);
  expect((await t.call('PUT', '/v1/workflows/handoff/live', { version: 1 })).status).toBe(200);
  expect((await t.call('PUT', '/v1/workflows/handoff/challenger', { version: 2 })).status).toBe(200);
}

async function evaluate(lead: Record<string, unknown>) {
  const res = await t.call('POST', '/v1/workflows/handoff/evaluate', { lead, now: MONDAY_10 });
  expect(res.status, res.text).toBe(200);
  return res.body.decisionId as string;
}

/** Jane: two decisions with her lead id, one with only her e-mail, a CRM event. Kim: one hot decision. */
async function twoLeads() {
  const jane = [
    await evaluate({ leadId: 'L-1', email: 'Jane@Acme.example', hot: true }),
    await evaluate({ leadId: 'L-1', email: 'jane@acme.example', hot: false }),
    await evaluate({ email: 'JANE@acme.example', hot: false }),
  ];
  const kim = await evaluate({ leadId: 'L-2', email: 'kim@acme.example', hot: true });
  const event = await t.call('POST', '/v1/leads/L-1/events', { eventId: 'crm-1', type: 'contacted' });
  expect(event.status).toBe(201);
  await t.shadow.idle();
  await t.store.flush();
  return { jane, kim };
}

const decisionsOf = async (lead: string) =>
  (await t.call('GET', `/v1/decisions?lead=${encodeURIComponent(lead)}`)).body.items as unknown[];
const shadowCount = async () =>
  (await t.call('GET', '/v1/workflows/handoff/shadow/report')).body.evaluations as number;

const ZERO = {
  decisions: 0,
  shadowEntries: 0,
  leads: 0,
  assignments: 0,
  slaTimers: 0,
  leadEvents: 0,
  outboxEvents: 0,
  deliveries: 0,
  deliveriesCancelled: 0,
};

describe('DELETE /v1/leads/{leadId}', () => {
  it("erases the lead's decisions, shadow entries, state, SLA timer, events and outbox, and says how many", async () => {
    await setup();
    const { jane, kim } = await twoLeads();
    expect(await shadowCount()).toBe(4);
    expect((await t.call('GET', '/v1/deliveries?lead=L-1')).body.items).toHaveLength(4);

    const res = await t.call('DELETE', '/v1/leads/L-1');
    expect(res.status, res.text).toBe(200);
    // The answer is what the API description says it is.
    expect(ErasureSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toMatchObject({
      leadId: 'L-1',
      matched: { leadIds: ['L-1'], emails: ['jane@acme.example'] },
      erased: {
        decisions: 3,
        // The decision logged without a lead id left a shadow entry without one: nothing ties it to her.
        shadowEntries: 2,
        leads: 1,
        // The sales hand-off's; the nurture one assigns nobody.
        assignments: 1,
        slaTimers: 1,
        leadEvents: 1,
        // decision ×2, stage.changed, assigned: one delivery each, none sent (no deliverer runs here).
        outboxEvents: 4,
        deliveries: 4,
        deliveriesCancelled: 4,
      },
    });

    expect((await t.call('GET', '/v1/leads/L-1')).body.code).toBe('lead_not_found');
    expect(await decisionsOf('L-1')).toEqual([]);
    expect(await decisionsOf('jane@acme.example')).toEqual([]);
    for (const id of jane) expect((await t.call('GET', `/v1/decisions/${id}`)).status).toBe(404);
    expect((await t.call('GET', '/v1/deliveries?lead=L-1')).body.items).toEqual([]);
    const sla = (await t.call('GET', '/v1/sla')).body.items.map((r: { leadId: string }) => r.leadId);
    expect(sla).toEqual(['L-2']);
    expect(await shadowCount()).toBe(2);
    // A CRM event for her now finds no lead.
    const late = await t.call('POST', '/v1/leads/L-1/events', { eventId: 'crm-2', type: 'contacted' });
    expect(late.body.code).toBe('lead_not_found');

    // Kim is untouched.
    expect((await t.call('GET', `/v1/decisions/${kim}`)).status).toBe(200);
    expect((await t.call('GET', '/v1/leads/L-2')).body.owner.id).toBe('u-bob');
    expect((await t.call('GET', '/v1/deliveries?lead=L-2')).body.items).toHaveLength(3);

    // The trail says an erasure happened and what it took, never whose.
    const trail = (await t.call('GET', '/v1/audit?action=lead.erased')).body.items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actor: 'local', workflowId: null, data: res.body.erased });
    expect(trail[0].detail).toBe(
      "Erased a lead's data on request: 3 decisions, 2 shadow entries, 1 lead state, 1 assignment, 1 SLA timer, 1 lead event, 4 outbox events and 4 deliveries (4 cancelled before they were sent).",
    );
    expect(JSON.stringify(trail)).not.toMatch(/L-1|jane/i);
  });

  it('answers 200 with zero counts the second time, and for a lead it never saw', async () => {
    await setup();
    await twoLeads();
    expect((await t.call('DELETE', '/v1/leads/L-1')).body.erased.decisions).toBe(3);
    const again = await t.call('DELETE', '/v1/leads/L-1');
    expect([again.status, again.body.erased]).toEqual([200, ZERO]);
    const never = await t.call('DELETE', '/v1/leads/nobody-we-know');
    expect([never.status, never.body.erased]).toEqual([200, ZERO]);
    expect((await t.call('GET', '/v1/audit?action=lead.erased')).body.items).toHaveLength(3);
  });

  it('erases by e-mail, in any case, with the lead ids that e-mail was logged with', async () => {
    await setup();
    await twoLeads();
    const res = await t.call('DELETE', `/v1/leads/${encodeURIComponent('JANE@acme.EXAMPLE')}`);
    expect(res.body.matched).toEqual({
      leadIds: ['JANE@acme.EXAMPLE', 'L-1'],
      emails: ['jane@acme.example'],
    });
    expect(res.body.erased).toMatchObject({ decisions: 3, leads: 1, slaTimers: 1 });
    expect((await t.call('GET', '/v1/leads/L-1')).status).toBe(404);
    expect(await decisionsOf('L-2')).toHaveLength(1);
  });

  // The embedded store's files: PostgreSQL keeps deleted rows' bytes until VACUUM (docs/runtime.md).
  it.skipIf(testStoreIsPostgres())(
    'leaves no byte of the id or e-mail in any file of the data folder',
    async () => {
      await setup();
      const who = { leadId: 'lead-7f3a9c', email: 'erin.unique@acme.example' };
      await evaluate({ ...who, hot: true });
      await evaluate({ ...who, hot: false });
      await t.call('POST', `/v1/leads/${who.leadId}/events`, { eventId: 'crm-9', type: 'accepted' });
      await t.shadow.idle();
      await t.store.flush();
      const holding = () =>
        readdirSync(t.dir, { recursive: true, encoding: 'utf8', withFileTypes: false })
          .map((f) => join(t.dir, f))
          .filter((f) => {
            try {
              const bytes = readFileSync(f);
              return bytes.includes(who.leadId) || bytes.includes(who.email);
            } catch {
              return false; // a folder
            }
          })
          .map((f) => f.slice(t.dir.length + 1));
      expect(holding().length).toBeGreaterThan(0);
      expect((await t.call('DELETE', `/v1/leads/${who.leadId}`)).status).toBe(200);
      expect(holding()).toEqual([]);
    },
  );

  it('erases a decision still waiting in memory for the log file', async () => {
    await setup();
    const id = await evaluate({ leadId: 'L-9', hot: false });
    // No flush: the entry is in the ring and the write buffer.
    expect((await t.call('DELETE', '/v1/leads/L-9')).body.erased.decisions).toBe(1);
    expect((await t.call('GET', `/v1/decisions/${id}`)).status).toBe(404);
    await t.store.flush();
    expect(await decisionsOf('L-9')).toEqual([]);
  });

  it("is an admin key's: an approver is refused (403 forbidden, naming the role), an admin is not", async () => {
    t = await testApp({ seed: false, config: { keysRequired: true } });
    const approver = newApiKey('Abe Approver', 'approver', MONDAY_10);
    const admin = newApiKey('Dee DPO', 'admin', MONDAY_10);
    await t.store.createKey(approver.row, KEY_AUDIT);
    await t.store.createKey(admin.row, KEY_AUDIT);
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const refused = await t.call('DELETE', '/v1/leads/L-1', undefined, as(approver.key));
    expect(refused.type).toContain('application/problem+json');
    expect([refused.status, refused.body.code, refused.body.requiredRole]).toEqual([
      403,
      'forbidden',
      'admin',
    ]);
    expect((await t.call('DELETE', '/v1/leads/L-1')).status).toBe(401);
    const done = await t.call('DELETE', '/v1/leads/L-1', undefined, as(admin.key));
    expect(done.status).toBe(200);
    const [entry] = (await t.call('GET', '/v1/audit?action=lead.erased', undefined, as(admin.key))).body
      .items;
    expect(entry.actor).toBe('Dee DPO');
  });

  it('takes hostile ids as plain values: only the lead that had one loses anything', async () => {
    await setup();
    const odd = ['a"b\\c', 'x_%*', 'ü👩‍💻', '../../store.json', "' OR 1=1 --"];
    for (const leadId of odd) await evaluate({ leadId, hot: true });
    await evaluate({ leadId: 'L-2', hot: true });
    await t.store.flush();
    for (const leadId of odd) {
      const res = await t.call('DELETE', `/v1/leads/${encodeURIComponent(leadId)}`);
      expect([res.status, res.body.erased.decisions, res.body.erased.leads], leadId).toEqual([200, 1, 1]);
    }
    expect(await decisionsOf('L-2')).toHaveLength(1);
    expect((await t.call('GET', '/v1/leads/L-2')).status).toBe(200);
    // A lead id that reads like the outbox key of a lead without one takes no such events.
    const anonymous = await evaluate({ hot: true });
    const key = `decision:${anonymous}`;
    const before = (await t.call('GET', '/v1/deliveries')).body.items.length;
    expect((await t.call('DELETE', `/v1/leads/${encodeURIComponent(key)}`)).body.erased).toEqual(ZERO);
    expect((await t.call('GET', '/v1/deliveries')).body.items).toHaveLength(before);
    // Blank and over-long values are no lead id at all.
    for (const bad of ['%20', 'x'.repeat(321)]) {
      const res = await t.call('DELETE', `/v1/leads/${bad}`);
      expect([res.status, res.body.code]).toEqual([404, 'lead_not_found']);
    }
  });
});
