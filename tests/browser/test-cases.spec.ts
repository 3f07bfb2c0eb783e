import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, selectNode } from './canvas-helpers.ts';

test('a test case saved in one click passes, fails in words once the workflow changes, and gates publishing', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  // No cases from the template: the one saved here is the only one.
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'cases', { testCases: [] });
  await page.goto(`/workflows/${id}`);
  const side = page.locator('.qs-side-body');

  await page.getByRole('tab', { name: 'Test cases' }).click();
  await expect(page.getByTestId('test-cases-empty')).toContainText('No test cases yet');

  // Run a sample lead, then save it as a case: one click.
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page
    .getByLabel('Sample lead')
    .selectOption({ label: 'Hot inbound VP (Inbound SaaS: scoring and BANT hand-off)' });
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await page.getByRole('button', { name: 'Save as test case' }).click();
  await expect(
    side.getByRole('status').filter({ hasText: 'Saved as test case "Hot inbound VP"' }),
  ).toBeVisible();
  await expectSaved(page);

  // The runtime holds it in the draft, with what the run decided as its expectation.
  const draft = await (await request.get(`/v1/workflows/${id}`)).json();
  expect(draft.workflow.testCases).toHaveLength(1);
  expect(draft.workflow.testCases[0]).toMatchObject({
    name: 'Hot inbound VP',
    expect: { route: 'sales', target: 'Inbound SDR', stage: 'SAL' },
  });

  await page.getByRole('tab', { name: 'Test cases' }).click();
  const item = page.getByTestId('test-case');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Passes');
  await expect(item).toContainText('Expects Sales (Inbound SDR), stage SAL');
  await expect(page.getByTestId('test-case-summary')).toHaveText('All 1 test case pass.');

  // Undo takes the case back out; redo puts it back.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('test-cases-empty')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(item).toHaveCount(1);

  // An MQL threshold out of reach sends the hot lead to the newsletter: the case fails, in words.
  await selectNode(page, 'tiers');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await side.getByLabel('Tier 1 threshold').fill('200');
  await expectSaved(page);
  await page.getByRole('tab', { name: 'Test cases' }).click();
  await expect(item).toContainText('Fails');
  await expect(page.getByTestId('test-case-summary')).toHaveText('1 of 1 test case fails.');
  const why = item.getByRole('list', { name: 'Why Hot inbound VP fails' });
  await expect(why).toContainText('Expected route Sales');
  await expect(why).toContainText('Nurture');

  // Publishing is stopped, naming the failing case.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish version 1' });
  await expect(dialog.getByTestId('publish-cases-warning')).toContainText(
    '1 of 1 test case fails: Hot inbound VP (expected route Sales, got Nurture;',
  );
  await dialog.getByLabel('What changed, and why').fill('MQL threshold raised to 200');
  await dialog.getByRole('button', { name: 'Publish and make live' }).click();
  const failures = dialog.getByTestId('publish-failures');
  await expect(failures).toContainText('1 test case fails');
  await expect(failures).toContainText('Hot inbound VP');
  await expect(failures).toContainText('Expected route Sales');
  expect((await (await request.get(`/v1/workflows/${id}/versions`)).json()).items).toHaveLength(0);

  // Anyway, with a reason (local mode is an admin): recorded with the version.
  const anyway = dialog.getByRole('button', { name: 'Publish anyway' });
  await expect(anyway).toBeDisabled();
  await dialog.getByLabel(/Why publish anyway/).fill('Sales agreed to pause inbound hand-off this week');
  await anyway.click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 is published and live' })).toBeVisible();
  const v1 = await (await request.get(`/v1/workflows/${id}/versions/1`)).json();
  expect(v1.testOverride).toMatchObject({
    reason: 'Sales agreed to pause inbound hand-off this week',
    failed: ['Hot inbound VP'],
  });

  // The change is meant: accepting the new result makes the case expect what the draft does now;
  // it is an edit like any other, so undo brings the old expectation back.
  await page.getByRole('tab', { name: 'Test cases' }).click();
  await expect(item).toContainText('Fails');
  await item.getByRole('button', { name: 'Accept the new result for Hot inbound VP' }).click();
  await expect(item).toContainText('Passes');
  await expect(item).toContainText('Expects Nurture');
  await expectSaved(page);
  const accepted = (await (await request.get(`/v1/workflows/${id}`)).json()).workflow.testCases[0];
  expect(accepted.expect.route).toBe('nurture');
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(item).toContainText('Fails');
  await expect(item).toContainText('Expects Sales');

  // Opening the case puts its lead back in the test panel.
  await page.getByRole('tab', { name: 'Test cases' }).click();
  await item.getByRole('button', { name: 'Open Hot inbound VP in the test panel' }).click();
  await expect(page.getByLabel('Lead JSON')).toHaveValue(/ann@acme\.io/);

  // Deleting it is an edit like any other.
  await page.getByRole('tab', { name: 'Test cases' }).click();
  await item.getByRole('button', { name: 'Delete Hot inbound VP' }).click();
  await expect(page.getByTestId('test-cases-empty')).toBeVisible();
  await expectSaved(page);
  expect((await (await request.get(`/v1/workflows/${id}`)).json()).workflow.testCases).toEqual([]);
  expect(crashes).toEqual([]);
});
