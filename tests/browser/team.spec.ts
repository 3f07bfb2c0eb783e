import { expect, test } from '@playwright/test';

test('a pool with two reps, created through the form, is listed, kept across a reload and edited back', async ({
  page,
  request,
}) => {
  const suffix = Date.now().toString(36);
  const name = `EMEA AEs ${suffix}`;
  const poolId = `emea-aes-${suffix}`;
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Team' }).click();
  await expect(page).toHaveURL(/\/team$/);
  await page.getByRole('button', { name: 'New pool' }).first().click();

  const dialog = page.getByRole('dialog', { name: 'New pool' });
  // The dialog starts on its first field; the id follows the name until typed over.
  await expect(dialog.getByLabel('Pool name')).toBeFocused();
  await page.keyboard.type(name);
  await expect(dialog.getByLabel('Pool id')).toHaveValue(poolId);
  await dialog.getByLabel('Pool time zone').fill('Europe/Berlin');
  await dialog.getByLabel('Pool: Saturday').check();
  await dialog.getByLabel('Pool day starts').fill('08:30');
  await dialog.getByLabel('Pool: until midnight (24:00)').check();
  await expect(dialog.getByLabel('Pool day ends')).toBeDisabled();
  await dialog.getByLabel('Pool days off').fill('2026-12-24, 2026-12-25');
  await dialog.getByLabel('Manager e-mail').fill('lead@example.com');

  // Saving with an empty rep row says what is missing and keeps the dialog open.
  await dialog.getByRole('button', { name: 'Create pool' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Rep 1: add a name.');

  await dialog.getByLabel('Rep 1 name').fill('Ann Archer');
  await dialog.getByLabel('Ann Archer e-mail').fill('ann@example.com');
  await dialog.getByLabel('Ann Archer CRM user id').fill(`u-ann-${suffix}`);
  await dialog.getByLabel('Ann Archer weight').fill('2');
  await dialog.getByLabel('Ann Archer daily cap').fill('20');
  await dialog.getByRole('button', { name: 'Add a rep' }).click();
  await dialog.getByLabel('Rep 2 name').fill('Bob Baker');
  await dialog.getByLabel('Bob Baker e-mail').fill('bob@example.com');
  await dialog.getByLabel('Bob Baker CRM user id').fill(`u-bob-${suffix}`);
  await dialog.getByRole('button', { name: 'Bob Baker days off and own hours' }).click();
  await dialog.getByLabel('Bob Baker days off', { exact: true }).fill('2026-08-03');
  // Enter in a text field saves the form.
  await dialog.getByLabel('Bob Baker days off', { exact: true }).press('Enter');
  await expect(dialog).toHaveCount(0);

  const row = page.getByTestId('pool-row').filter({ hasText: name });
  await expect(row).toContainText('Mon–Sat 08:30–24:00, Europe/Berlin; 2 days off');
  await expect(row).toContainText('Ann Archer, Bob Baker');

  const stored = await (await request.get(`/v1/team/pools/${poolId}`)).json();
  expect(stored).toMatchObject({
    id: poolId,
    name,
    managerEmail: 'lead@example.com',
    schedule: {
      timeZone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      start: '08:30',
      end: '24:00',
    },
    revision: 1,
  });
  expect(stored.reps).toMatchObject([
    { id: `u-ann-${suffix}`, name: 'Ann Archer', weight: 2, dailyCap: 20, active: true, daysOff: [] },
    {
      id: `u-bob-${suffix}`,
      name: 'Bob Baker',
      weight: 1,
      dailyCap: null,
      active: true,
      daysOff: ['2026-08-03'],
    },
  ]);

  await page.reload();
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  await expect(edit.getByLabel('Pool id')).toHaveValue(poolId);
  await expect(edit.getByLabel('Pool id')).not.toBeEditable();
  await expect(edit.getByLabel('Ann Archer daily cap')).toHaveValue('20');
  await expect(edit.getByTestId('rep-row')).toHaveCount(2);
  await edit.getByLabel('Bob Baker active').uncheck();
  await edit.getByRole('button', { name: 'Save pool' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('Ann Archer (+1 inactive)');
});

test('a pool saved by someone else meanwhile is not overwritten: the form says so and reloads theirs', async ({
  page,
  request,
}) => {
  const poolId = `conflict-${Date.now().toString(36)}`;
  const body = {
    name: 'Nordics',
    schedule: {
      timeZone: 'Europe/Oslo',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
    },
    reps: [{ id: `${poolId}-a`, name: 'Astrid', email: 'astrid@example.com' }],
  };
  expect((await request.put(`/v1/team/pools/${poolId}`, { data: body })).ok()).toBe(true);
  await page.goto('/team');
  await page.getByRole('button', { name: 'Edit Nordics' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Edit Nordics' });
  await dialog.getByLabel('Pool name').fill('Nordics (mine)');

  // Someone else renames it while the form is open.
  expect(
    (
      await request.put(`/v1/team/pools/${poolId}`, {
        data: { ...body, name: 'Nordics (theirs)', revision: 1 },
      })
    ).ok(),
  ).toBe(true);
  await dialog.getByRole('button', { name: 'Save pool' }).click();
  await expect(dialog.getByTestId('pool-conflict')).toContainText(
    'Someone else saved this pool while you were editing it (it is now at revision 2)',
  );
  expect((await (await request.get(`/v1/team/pools/${poolId}`)).json()).name).toBe('Nordics (theirs)');
  await dialog.getByRole('button', { name: 'Reload their version' }).click();
  await expect(dialog.getByLabel('Pool name')).toHaveValue('Nordics (theirs)');
  await expect(dialog.getByTestId('pool-conflict')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Delete asks first; "Keep it" keeps it.
  const row = page.getByTestId('pool-row').filter({ hasText: poolId });
  await row.getByRole('button', { name: 'Delete Nordics (theirs)' }).click();
  await page
    .getByRole('dialog', { name: 'Delete Nordics (theirs)?' })
    .getByRole('button', { name: 'Keep it' })
    .click();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Delete Nordics (theirs)' }).click();
  await page
    .getByRole('dialog', { name: 'Delete Nordics (theirs)?' })
    .getByRole('button', { name: 'Delete pool' })
    .click();
  await expect(row).toHaveCount(0);
  expect((await request.get(`/v1/team/pools/${poolId}`)).status()).toBe(404);
});

test('with no pools, the page says what a pool is and offers to create one', async ({ page }) => {
  // The runtime of this run may hold pools from other specs: the empty state is what the page shows for an empty list.
  await page.route('**/v1/team/pools', (route) => route.fulfill({ json: { items: [] } }));
  await page.goto('/team');
  await expect(page.getByTestId('pools-empty')).toContainText(
    "No pools yet: a pool is the reps a sales route assigns to, in turn, within the pool's working hours.",
  );
  await page.getByTestId('pools-empty').getByRole('button', { name: 'New pool' }).click();
  await expect(page.getByRole('dialog', { name: 'New pool' }).getByLabel('Pool name')).toBeFocused();
});
