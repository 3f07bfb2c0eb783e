// The receiver recipes of docs/webhooks.md, run as a reader would paste them: the events a real
// evaluation delivers update a HubSpot-style contact and a Salesforce-style Lead, through stand-ins
// for their REST APIs on loopback that record every call.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { type TestApp, testApp } from '../test-app.ts';
import { importDocsBlock } from './docs-code.ts';
import { startTestReceiver, type TestReceiver } from './test-receiver.ts';

const opened: Array<TestApp | TestReceiver> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

/** A lead evaluated hot: SQL, routed to sales, assigned from the EMEA pool; its events as delivered. */
async function deliveredEvents() {
  const receiver = await startTestReceiver();
  const t = await testApp({ seed: false, clock: systemClock, webhooks: { pollMs: 20 } });
  opened.push(receiver, t);
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
  const sub = await t.call('POST', '/v1/subscriptions', {
    url: receiver.url,
    events: ['assigned', 'stage.changed'],
  });
  expect(sub.status).toBe(201);
  const res = await t.call('POST', '/v1/workflows/handoff/evaluate', {
    lead: { leadId: 'L-1042', hot: true },
  });
  expect(res.body.handoff).toMatchObject({
    owner: { id: 'u-ann' },
    stage: 'SQL',
    sla: { dueAt: expect.any(String) },
  });
  await receiver.waitFor((r) => r.length === 2);
  const events = receiver.received.map((r) => JSON.parse(r.body));
  expect(events.map((e) => e.type)).toEqual(['stage.changed', 'assigned']);
  return { events, dueAt: res.body.handoff.sla.dueAt as string };
}

/** A stand-in for a CRM's REST API: records each call, answers as `answer` says. */
async function crmApi(answer: Parameters<TestReceiver['behave']>[0]) {
  const api = await startTestReceiver();
  opened.push(api);
  api.behave(answer);
  const calls = () =>
    api.received.map((r) => ({
      method: r.method,
      path: r.path,
      auth: r.headers.authorization,
      body: JSON.parse(r.body),
    }));
  return { origin: new URL(api.url).origin, calls };
}

describe('the receiver recipes in docs/webhooks.md', () => {
  it('HubSpot-style: the owner, the lifecycle stage and a task due at the SLA time, each event once', async () => {
    const { events, dueAt } = await deliveredEvents();
    const hubspot = await crmApi(() => ({ status: 200, json: { id: '9001' } }));
    process.env.HUBSPOT_API_URL = hubspot.origin;
    process.env.HUBSPOT_TOKEN = 'pat-test';
    const { hubspotCrm } = (await importDocsBlock('### HubSpot-style contact')).module;
    const { handle } = (await importDocsBlock('## A receiver that updates the CRM')).module;
    for (const e of events) await handle(e, hubspotCrm);
    for (const e of events) await handle(e, hubspotCrm); // a retry or a replay: nothing again

    const contact = '/crm/v3/objects/contacts/L-1042';
    expect(hubspot.calls()).toEqual([
      {
        method: 'PATCH',
        path: contact,
        auth: 'Bearer pat-test',
        body: { properties: { lifecyclestage: '' } },
      },
      {
        method: 'PATCH',
        path: contact,
        auth: 'Bearer pat-test',
        body: { properties: { lifecyclestage: 'salesqualifiedlead' } },
      },
      {
        method: 'PATCH',
        path: contact,
        auth: 'Bearer pat-test',
        body: { properties: { hubspot_owner_id: 'u-ann' } },
      },
      {
        method: 'POST',
        path: '/crm/v3/objects/tasks',
        auth: 'Bearer pat-test',
        body: {
          properties: expect.objectContaining({
            hs_timestamp: dueAt,
            hubspot_owner_id: 'u-ann',
            hs_task_status: 'NOT_STARTED',
          }),
          associations: [
            {
              to: { id: 'L-1042' },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }],
            },
          ],
        },
      },
    ]);
  });

  it('Salesforce-style: OwnerId, Status and a Task with ActivityDate and a reminder at the SLA time', async () => {
    const { events, dueAt } = await deliveredEvents();
    const sf = await crmApi((r) =>
      r.method === 'PATCH' ? 204 : { status: 201, json: { id: '00T1', success: true } },
    );
    process.env.SF_INSTANCE_URL = sf.origin;
    process.env.SF_ACCESS_TOKEN = 'sf-token';
    const { salesforceCrm } = (await importDocsBlock('### Salesforce-style Lead')).module;
    const { handle } = (await importDocsBlock('## A receiver that updates the CRM')).module;
    for (const e of events) await handle(e, salesforceCrm);

    const lead = '/services/data/v60.0/sobjects/Lead/L-1042';
    expect(sf.calls()).toEqual([
      { method: 'PATCH', path: lead, auth: 'Bearer sf-token', body: { Status: 'Working - Contacted' } },
      { method: 'PATCH', path: lead, auth: 'Bearer sf-token', body: { OwnerId: 'u-ann' } },
      {
        method: 'POST',
        path: '/services/data/v60.0/sobjects/Task',
        auth: 'Bearer sf-token',
        body: expect.objectContaining({
          WhoId: 'L-1042',
          OwnerId: 'u-ann',
          ActivityDate: dueAt.slice(0, 10),
          IsReminderSet: true,
          ReminderDateTime: dueAt,
        }),
      },
    ]);
  });
});
