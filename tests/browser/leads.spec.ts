import { expect, test } from '@playwright/test';
import { emeaPool, handoffWorkflow } from '../../apps/runtime/src/handoff/handoff-workflow.ts';

test('the Leads page finds a lead by id or e-mail, pages with Load more, opens its state, and erases it after a confirmation', async ({
  page,
  request,
}) => {
  const suffix = Date.now().toString(36);
  const poolId = `leads-${suffix}`;
  const id = `leads-${suffix}`;
  expect((await request.put(`/v1/team/pools/${poolId}`, { data: emeaPool() })).ok()).toBe(true);
  expect(
    (
      await request.post('/v1/workflows', {
        data: { ...handoffWorkflow(id, poolId), name: `Leads ${suffix}` },
      })
    ).status(),
  ).toBe(201);
  expect((await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'v1' } })).status()).toBe(201);
  const evaluate = async (lead: Record<string, unknown>) => {
    const res = await request.post(`/v1/workflows/${id}/evaluate`, {
      data: { lead, now: '2026-11-30T10:00:00Z' },
    });
    expect(res.ok(), await res.text()).toBe(true);
  };
  const ada = `ada-${suffix}`;
  const email = `ada.${suffix}@acme.io`;
  await evaluate({ email, hot: false });
  await evaluate({ leadId: ada, email, hot: true });
  for (let i = 0; i < 30; i++)
    await evaluate({ leadId: `lp-${suffix}-${i}`, email: `p${i}.${suffix}@acme.io` });
  await evaluate({ leadId: ada, email, hot: false });
  const event = await request.post(`/v1/leads/${ada}/events`, {
    data: { eventId: `crm-${suffix}`, type: 'contacted' },
  });
  expect(event.status()).toBe(201);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Leads' }).click();
  await expect(page).toHaveURL(/\/leads$/);
  await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();

  // The workflow's 33 decisions: 25, then the rest with Load more, newest first.
  await page.getByLabel('Workflow').selectOption(id);
  await expect(page).toHaveURL(new RegExp(`/leads\\?workflow=${id}$`));
  const rows = page.getByTestId('decision-row');
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText(ada);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(33);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  await expect(rows.last()).toContainText(email);
  await expect(rows.last()).toContainText('no lead id');

  // Route, stage and window narrow it; nothing matching says what to do.
  await page.getByLabel('Route').selectOption('sales');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Stage').selectOption('MQL');
  await expect(page.getByTestId('leads-empty')).toContainText('No decision matches these filters');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/leads$/);

  // By e-mail, typed in capitals: her three decisions, the one without a lead id too.
  await page.getByLabel('Lead id or e-mail').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(3);
  // The log's time is when a decision was made (just now), whatever time the rules were given.
  await page.getByLabel('When').selectOption('24h');
  await expect(rows).toHaveCount(3);

  // Open her by id: state, owner, SLA, the CRM's event, her decisions.
  await rows.first().getByRole('button', { name: ada }).click();
  await expect(page).toHaveURL(/show=ada-/);
  const panel = page.getByTestId('lead-panel');
  await expect(panel.getByTestId('lead-state')).toContainText('SQL');
  await expect(panel.getByTestId('lead-state')).toContainText(/Ann|Bob/);
  await expect(panel.getByTestId('lead-events')).toContainText('Contacted');
  await expect(panel.getByTestId('decision-row')).toHaveCount(2);

  // Erase: the confirmation names what goes; cancelling keeps everything.
  await panel.getByRole('button', { name: "Erase this lead's data…" }).click();
  const dialog = page.getByRole('dialog', { name: "Erase this lead's data" });
  await expect(dialog.getByTestId('erase-what')).toContainText(ada);
  await expect(dialog.getByTestId('erase-what')).toContainText(email);
  await expect(dialog.getByTestId('erase-what')).toContainText(
    'its stage (SQL), owner, SLA timer and 1 CRM event',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await request.get(`/v1/leads/${ada}`)).status()).toBe(200);

  await panel.getByRole('button', { name: "Erase this lead's data…" }).click();
  await dialog.getByRole('button', { name: "Erase this lead's data" }).click();
  const counts = dialog.getByTestId('erased-counts');
  await expect(counts.getByRole('row', { name: /^Decisions/ })).toContainText('3');
  await expect(counts.getByRole('row', { name: /Lead state/ })).toContainText('1');
  await expect(counts.getByRole('row', { name: /CRM events/ })).toContainText('1');
  await expect(counts.getByRole('row', { name: /SLA timers/ })).toContainText('1');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(panel.getByTestId('no-lead-state')).toBeVisible();
  await expect(panel.getByTestId('decision-row')).toHaveCount(0);
  await expect(page.getByTestId('leads-empty')).toBeVisible();
  expect((await request.get(`/v1/leads/${ada}`)).status()).toBe(404);
  const trail = await (await request.get('/v1/audit?action=lead.erased&limit=5')).json();
  expect(JSON.stringify(trail.items[0])).not.toContain(ada);
});
