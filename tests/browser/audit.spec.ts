import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';

test("a workflow's audit trail: who did what, filtered by action and person, paged", async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'audit', {
    name: 'Audit trail check',
  });
  // 29 saves (the description changes each time), then a publish: 31 entries with the creation.
  let record = await (await request.get(`/v1/workflows/${id}`)).json();
  for (let i = 1; i <= 29; i++) {
    const res = await request.put(`/v1/workflows/${id}`, {
      data: { workflow: { ...record.workflow, description: `Edit ${i}` }, revision: record.revision },
    });
    expect(res.status()).toBe(200);
    record = await res.json();
  }
  const published = await request.post(`/v1/workflows/${id}/publish`, {
    data: { note: 'First version', revision: record.revision },
  });
  expect(published.status()).toBe(201);

  // From the editor's header to the trail.
  await page.goto(`/workflows/${id}`);
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(`/workflows/${id}/audit`);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();

  // Newest first, 25 a page.
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText('Version published');
  await expect(rows.first()).toContainText('local');
  await expect(rows.nth(1)).toContainText('Draft saved');
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(rows).toHaveCount(6);
  await expect(rows.last()).toContainText('Workflow created');
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(rows).toHaveCount(25);

  // By action: kept in the address.
  await page.getByLabel('Action').selectOption({ label: 'Version published' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Version published');
  await expect(page).toHaveURL(/action=version\.published/);
  await expect(page.getByRole('navigation', { name: 'Audit trail pages' })).toHaveCount(0);

  // By person: nobody else touched it, and the page says so.
  await page.getByLabel('Person').fill('Someone Else');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-empty')).toContainText('Nothing matches these filters');
  await expect(page.getByTestId('audit-empty')).toContainText('by Someone Else');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(25);

  expect(crashes).toEqual([]);
});
