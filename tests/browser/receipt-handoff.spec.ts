import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { berlinPool } from './handoff-helpers.ts';

// The "Evaluate as of" input is local time; UTC makes the due time below the same on any machine.
test.use({ timezoneId: 'UTC' });

test("the receipt shows a kept stage in its header, and the hand-off's owner and due time in working hours", async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'handoff');
  const pool = await berlinPool(request);
  const record = await (await request.get(`/v1/workflows/${id}`)).json();
  const workflow = structuredClone(record.workflow);
  workflow.fields.push({
    path: 'crm.stage',
    label: 'CRM stage',
    type: 'string',
    category: 'conversation',
    currentStage: true,
  });
  workflow.nodes.find((n: { id: string }) => n.id === 'toSales').data.assign = { pool, method: 'fewest' };
  expect(
    (await request.put(`/v1/workflows/${id}`, { data: { workflow, revision: record.revision } })).status(),
  ).toBe(200);

  await page.goto(`/workflows/${id}`);
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  const lead = {
    email: 'ann@acme.io',
    jobTitle: 'VP Sales',
    company: { employees: 250, industry: 'saas' },
    budget: 20000,
    authority: 'decision_maker',
    need: 'high',
    timeline: 'this_quarter',
    activity: {
      lastVisit: '2026-11-26T15:00:00Z',
      pricingViews: 4,
      demoRequested: true,
      trialStarted: false,
    },
    crm: { stage: 'sql' },
  };
  await page.getByLabel('Lead JSON').fill(JSON.stringify(lead));
  // Friday 17:30 UTC is 18:30 in Berlin, after hours: 4 working hours run Monday 09:00–13:00 Berlin.
  await page.getByLabel('Evaluate as of').fill('2026-11-27T17:30');
  await page.getByRole('button', { name: 'Run test lead' }).click();

  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-stage')).toHaveText('SQL');
  await expect(receipt.getByTestId('receipt-stage-note')).toHaveText(
    'Kept at SQL: stages only move forward (this path sets SAL).',
  );
  // The runtime previews the hand-off a live evaluation would make, and assigns nobody.
  await expect(receipt.getByTestId('receipt-owner')).toHaveText('Owner Ann (ann@example.com)');
  await expect(receipt.getByTestId('receipt-preview')).toHaveText(
    'Would go to Ann: fewest assigned today in EMEA AEs (0, weight 1) · due Mon 30 Nov, 13:00 (Mon–Fri 09:00–17:00, Europe/Berlin) · preview, nothing assigned',
  );
  await expect(receipt.getByTestId('receipt-sla')).toContainText('First contact within 4 working hours');
  await expect(receipt.getByTestId('receipt-sla')).toContainText('(2026-11-30T12:00:00.000Z)');
  // The team's own clock: 13:00 in Berlin.
  await expect(receipt.getByTestId('receipt-sla')).toContainText(
    /\(Mon, (Nov 30|30 Nov), 01:00 PM in Europe\/Berlin\)|13:00 in Europe\/Berlin/,
  );
  await expect(receipt.getByTestId('receipt-working-hours')).toHaveText(
    'Working hours: Mon–Fri 09:00–17:00, Europe/Berlin',
  );
});
