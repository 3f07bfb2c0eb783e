import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, node, selectNode } from './canvas-helpers.ts';

test('an operator this version does not know is named on its step and can be replaced', async ({
  page,
  request,
}) => {
  // A document written by hand (or by an older tool) with an operator the studio does not know.
  const templates = await (await request.get('/v1/templates')).json();
  const workflow = structuredClone(
    templates.items.find((t: { id: string }) => t.id === 'bant-inbound-saas').workflow,
  );
  const dq = workflow.nodes.find((n: { id: string }) => n.id === 'dq');
  dq.data.condition.conditions[1] = {
    type: 'compare',
    field: 'company.employees',
    op: 'greaterThan',
    value: 5,
  };
  const id = `unknown-op-${Date.now()}`;
  expect((await request.post('/v1/workflows', { data: { ...workflow, id } })).status()).toBe(201);

  await page.goto(`/workflows/${id}`);
  // One problem, on the step that holds it; the rest of the workflow is checked as usual.
  await expect(page.getByTestId('problem-count')).toHaveText('1');
  await expect(node(page, 'dq').getByTestId('issue-badge')).toBeVisible();
  await expect(node(page, 'dq')).toContainText('Employees greaterThan 5');

  await selectNode(page, 'dq');
  const inspector = page.locator('.qs-side-body');
  await expect(inspector.getByLabel('Problems with this step')).toContainText(
    '"greaterThan" is not an operator. Employees is a number field; its operators are gte (is at least)',
  );
  const row = inspector.locator('.qs-comparison').nth(1);
  await expect(row.getByLabel('Operator')).toHaveValue('greaterThan');
  await expect(row.getByLabel('Operator').locator('option:checked')).toHaveText('greaterThan (unknown)');

  await row.getByLabel('Operator').selectOption('gt');
  await row.getByLabel('Employees: value').fill('5');
  await expect(page.getByTestId('problem-count')).toHaveCount(0);
  await expect(node(page, 'dq')).toContainText('Employees is more than 5');
  await expectSaved(page);
});

test("each operator's value is edited with the input its editor hint names", async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'editor-hints');
  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'dq');
  const inspector = page.locator('.qs-side-body');
  await inspector.getByRole('button', { name: '+ Check' }).click();
  const row = inspector.locator('.qs-comparison').last();
  const summary = node(page, 'dq');

  // days: a number of days, with the unit the operator reads with
  await row.getByLabel('Lead field').selectOption({ label: 'Last website visit' });
  await row.getByLabel('Operator').selectOption('olderThanDays');
  await expect(row).toContainText('days ago');
  await row.getByLabel('Last website visit: number of days').fill('45');
  await expect(summary).toContainText('Last website visit is more than 45 days ago');

  // pair: from and to
  await row.getByLabel('Lead field').selectOption({ label: 'Employees' });
  await row.getByLabel('Operator').selectOption('between');
  await row.getByLabel('Employees: from').fill('10');
  await row.getByLabel('Employees: to').fill('20');
  await expect(summary).toContainText('Employees is between 10 and 20');

  // values of a choice field: ticks
  await row.getByLabel('Lead field').selectOption({ label: 'Industry' });
  await row.getByLabel('Operator').selectOption('in');
  await expect(row.getByLabel('Industry: values').getByRole('checkbox').first()).toBeVisible();

  // words: typed freely, comma separated
  await row.getByLabel('Lead field').selectOption({ label: 'Job title' });
  await row.getByLabel('Operator').selectOption('containsAny');
  await row.getByLabel('Job title: values, comma separated').fill('founder, owner');
  await expect(summary).toContainText('Job title contains any of the words founder or owner');

  // none: no input at all
  await row.getByLabel('Operator').selectOption('present');
  await expect(row.locator('input')).toHaveCount(0);
  await expect(summary).toContainText('Job title is known');
  await expectSaved(page);
});
