import { type APIRequestContext, expect } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';

/** The BANT template's hot lead (it routes to sales, "Inbound SDR"); `email` is made its lead id. */
export const hotLead = (email: string) => ({
  email,
  jobTitle: 'VP Sales',
  company: { employees: 250, industry: 'saas' },
  budget: 20000,
  authority: 'decision_maker',
  need: 'high',
  timeline: 'this_quarter',
  activity: {
    lastVisit: new Date(Date.now() - 3_600_000).toISOString(),
    pricingViews: 4,
    demoRequested: true,
  },
});

/**
 * The BANT template under a fresh id with `email` marked as the lead id (the hand-off remembers leads by
 * it), and its sales route without the template's pool and escalation, so a test sets its own.
 */
export async function bantWithLeadId(request: APIRequestContext, prefix: string): Promise<string> {
  const id = await createFromTemplate(request, 'bant-inbound-saas', prefix);
  const record = await (await request.get(`/v1/workflows/${id}`)).json();
  const fields = record.workflow.fields.map((f: { path: string }) =>
    f.path === 'email' ? { ...f, leadId: true } : f,
  );
  const nodes = record.workflow.nodes.map((n: { id: string; data: Record<string, unknown> }) => {
    if (n.id !== 'toSales') return n;
    const { assign: _assign, escalation: _escalation, ...data } = n.data;
    return { ...n, data };
  });
  const saved = await request.put(`/v1/workflows/${id}`, {
    data: { workflow: { ...record.workflow, fields, nodes }, revision: record.revision },
  });
  expect(saved.ok()).toBe(true);
  return id;
}

/** A pool of two active reps, Mon–Sun round the clock (00:00–24:00) in UTC, so an SLA runs whenever the test does. */
export async function createPool(request: APIRequestContext, id: string, name: string) {
  const res = await request.put(`/v1/team/pools/${id}`, {
    data: {
      name,
      schedule: {
        timeZone: 'UTC',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: '00:00',
        end: '24:00',
        daysOff: [],
      },
      reps: [
        { id: `${id}-ann`, name: 'Ann Archer', email: 'ann@example.com' },
        { id: `${id}-bob`, name: 'Bob Baker', email: 'bob@example.com' },
      ],
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

/** A pool `emea-<time>` with Ann alone, Mon–Fri 09:00–17:00 in Berlin (the hours); returns its id. */
export async function berlinPool(request: APIRequestContext, more: Record<string, unknown> = {}) {
  const id = `emea-${Date.now()}`;
  const res = await request.put(`/v1/team/pools/${id}`, {
    data: {
      name: 'EMEA AEs',
      schedule: {
        timeZone: 'Europe/Berlin',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '09:00',
        end: '17:00',
      },
      reps: [{ id: 'u-ann', name: 'Ann', email: 'ann@example.com' }],
      ...more,
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return id;
}
