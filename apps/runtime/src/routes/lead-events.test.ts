// CRM lead events through HTTP: idempotent by event id, their effects on the lead, and every refusal a
// problem with its code.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

async function setup() {
  t = await testApp({ seed: false });
  await t.call('PUT', '/v1/team/pools/emea', emeaPool());
  await t.call('POST', '/v1/workflows', handoffWorkflow());
  await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' });
  const d = await t.call('POST', '/v1/workflows/handoff/evaluate', {
    lead: { leadId: 'L-1', hot: true },
    now: '2026-11-25T10:00:00Z',
  });
  expect(d.body.handoff.owner.id).toBe('u-ann');
}

const send = (body: Record<string, unknown>, lead = 'L-1') =>
  t.call('POST', `/v1/leads/${lead}/events`, body);

const problem = (
  res: { status: number; type: string; body: { code: string } },
  status: number,
  code: string,
) => {
  expect(res.type).toContain('application/problem+json');
  expect([res.status, res.body.code]).toEqual([status, code]);
};

describe('lead events', () => {
  it('records an event once: the same id and body again answer the first result with 200', async () => {
    await setup();
    const event = { eventId: 'crm-7', type: 'contacted', at: '2026-11-25T11:00:00Z', by: 'u-ann' };
    const first = await send(event);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ eventId: 'crm-7', leadId: 'L-1', type: 'contacted' });
    expect(first.body.lead.sla.status).toBe('met');
    expect(first.body.applied.length).toBeGreaterThan(0);
    const again = await send(event);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const detail = (await t.call('GET', '/v1/leads/L-1')).body;
    expect(detail.events.map((e: { eventId: string }) => e.eventId)).toEqual(['crm-7']);
  });

  it('refuses the same event id with another body (409 event_conflict)', async () => {
    await setup();
    expect((await send({ eventId: 'crm-8', type: 'contacted' })).status).toBe(201);
    const other = await send({ eventId: 'crm-8', type: 'converted' });
    problem(other, 409, 'event_conflict');
    expect(other.body.detail).toMatch(/"crm-8".*different body/);
  });

  it('moves the stage up on accepted and converted, never down', async () => {
    await setup();
    expect((await send({ eventId: 'a', type: 'accepted' })).body.lead.stage).toBe('SQL');
    const converted = await send({ eventId: 'c', type: 'converted' });
    expect(converted.body.lead.stage).toBe('Opportunity');
    expect(converted.body.lead.sla.status).not.toMatch(/^(open|due_soon|breached)$/);
  });

  it('answers 404 lead_not_found for a lead the runtime never evaluated', async () => {
    await setup();
    const res = await send({ eventId: 'x', type: 'contacted' }, 'L-404');
    problem(res, 404, 'lead_not_found');
    expect(res.body.detail).toMatch(/Evaluate the lead first/);
    problem(await t.call('GET', '/v1/leads/L-404'), 404, 'lead_not_found');
  });

  it('needs a reason for a rejected event, and a lower stage to go back to', async () => {
    await setup();
    const noReason = await send({ eventId: 'r', type: 'rejected' });
    problem(noReason, 422, 'invalid_request');
    expect(noReason.body.errors).toEqual([
      { path: 'reason', message: expect.stringMatching(/needs a reason/) },
    ]);
    problem(await send({ eventId: 'r', type: 'contacted', stage: 'MQL' }), 422, 'invalid_request');
    problem(await send({ eventId: 'r', type: 'called' }), 422, 'invalid_request');
    problem(await send({ eventId: '', type: 'contacted' }), 422, 'invalid_request');
    const higher = await send({ eventId: 'r2', type: 'rejected', reason: 'wrong team', stage: 'Customer' });
    problem(higher, 422, 'event_not_applicable');
    // Nothing was recorded by the refusals: the same id is free for a good event.
    expect((await send({ eventId: 'r', type: 'rejected', reason: 'no budget' })).status).toBe(201);
  });
});
