import { expect, test } from '@playwright/test';
import { expectSaved, selectNode } from './canvas-helpers.ts';
import { bantWithLeadId, createPool, hotLead } from './handoff-helpers.ts';

test('a sales route assigned to a pool in the route form, published, puts an evaluated lead on the SLA clock with its owner', async ({
  page,
  request,
}) => {
  const suffix = Date.now().toString(36);
  const poolId = `clock-${suffix}`;
  await createPool(request, poolId, `Clock AEs ${suffix}`);
  const id = await bantWithLeadId(request, 'clock');

  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'toSales');
  const inspector = page.locator('.qs-side-body');
  await inspector
    .getByLabel('Pool', { exact: true })
    .selectOption({ label: `Clock AEs ${suffix} (2 active reps)` });
  await expect(inspector.getByTestId('pool-hours')).toContainText('Working hours: Mon–Sun 00:00–24:00, UTC');
  await expect(inspector.getByLabel('Fallback queue')).toHaveValue('Inbound SDR');
  await inspector.getByLabel('Pick the rep').selectOption('fewest');
  await inspector.getByRole('button', { name: 'Add a step' }).click();
  await inspector.getByRole('button', { name: 'Add a step' }).click();
  await expect(inspector.getByTestId('escalation-step')).toHaveCount(2);
  // Undo takes back the last edit like any other.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByTestId('escalation-step')).toHaveCount(1);
  await expectSaved(page);

  const draft = await (await request.get(`/v1/workflows/${id}`)).json();
  const route = draft.workflow.nodes.find((n: { id: string }) => n.id === 'toSales');
  expect(route.data).toMatchObject({
    assign: { pool: poolId, method: 'fewest' },
    escalation: [{ afterHours: 1, action: 'remind_owner' }],
  });

  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByLabel('What changed, and why').fill('Leads go to the clock pool');
  await page.getByRole('button', { name: 'Publish and make live' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const leadId = `ann-${suffix}@acme.io`;
  const res = await request.post(`/v1/workflows/${id}/evaluate`, { data: { lead: hotLead(leadId) } });
  expect(res.ok(), await res.text()).toBe(true);
  const decision = await res.json();
  expect(decision.handoff).toMatchObject({ leadId, pool: poolId, assigned: 'new' });
  const owner: string = decision.handoff.owner.name;
  expect(['Ann Archer', 'Bob Baker']).toContain(owner);

  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'SLA clock' }).click();
  await page.getByLabel('Workflow', { exact: true }).selectOption(id);
  await expect(page).toHaveURL(new RegExp(`/sla\\?workflow=${id}$`));
  const row = page.getByTestId('sla-row').filter({ hasText: leadId });
  await expect(row).toContainText(owner);
  await expect(row).toContainText(`Clock AEs ${suffix}`);
  await expect(row).toContainText(/in [34] h/);
  await expect(row.locator('.qs-chip')).toHaveText('Open');
  await expect(page.getByTestId('tile-open').locator('.qs-tile-n')).toHaveText('1');
  await expect(page.getByTestId('owner-chart')).toContainText(owner);

  // Filters live in the address: a reload keeps them, and breached leaves nothing of this workflow.
  await page.getByTestId('tile-breached').click();
  await expect(page).toHaveURL(/status=breached/);
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('breached');
  await expect(page.getByTestId('sla-empty')).toContainText('No leads match these filters.');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/sla$/);
  await expect(page.getByTestId('sla-row').filter({ hasText: leadId })).toHaveCount(1);
});

test('a nurture route recycles to an earlier stage, set in the route form and undone like any edit', async ({
  page,
  request,
}) => {
  const id = await bantWithLeadId(request, 'recycle');
  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'toNewsletter');
  const inspector = page.locator('.qs-side-body');
  await inspector.getByLabel('Send the lead back to an earlier stage').check();
  await inspector.getByLabel('Back to stage').selectOption('Lead');
  await inspector.getByLabel('Reason', { exact: true }).fill('Sales rejected it (no budget)');
  await expectSaved(page);
  const stored = async () =>
    (await (await request.get(`/v1/workflows/${id}`)).json()).workflow.nodes.find(
      (n: { id: string }) => n.id === 'toNewsletter',
    ).data;
  expect(await stored()).toEqual({
    to: 'nurture',
    track: 'Newsletter',
    recycle: { stage: 'Lead', reason: 'Sales rejected it (no budget)' },
  });
  // The typed reason is one undo step; two more take the stage and the recycle back.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByLabel('Send the lead back to an earlier stage')).not.toBeChecked();
  await expectSaved(page);
  expect(await stored()).toEqual({ to: 'nurture', track: 'Newsletter' });
});

test('with no pools, a sales route says where pools are made, and its queue takes every lead', async ({
  page,
  request,
}) => {
  // The runtime of this run may hold pools from other specs: this is what the form shows for an empty team.
  await page.route('**/v1/team/pools', (route) => route.fulfill({ json: { items: [] } }));
  const id = await bantWithLeadId(request, 'nopools');
  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'toSales');
  const inspector = page.locator('.qs-side-body');
  const empty = inspector.getByTestId('no-pools');
  await expect(empty).toContainText('No pools yet, so the queue above takes every lead.');
  await expect(empty.getByRole('link', { name: 'Team page' })).toHaveAttribute('href', '/team');
  await expect(inspector.getByLabel('Pool', { exact: true })).toHaveCount(0);
  await expect(inspector.getByLabel('Sales queue')).toHaveValue('Inbound SDR');
  await expect(inspector.getByLabel('First contact within (hours)', { exact: true })).toHaveValue('4');
});
