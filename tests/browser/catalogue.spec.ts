import { expect, type Page, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, node } from './canvas-helpers.ts';

const fieldCard = (page: Page, path: string) =>
  page.locator('.qs-field-card').filter({ has: page.locator(`[value="${path}"]`) });

async function openFields(page: Page, id: string) {
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'dq')).toBeVisible();
  await page.getByRole('tab', { name: 'Fields' }).click();
}

test('the catalogue edits values that mean missing, per workflow and per field, and the lead id', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'catalogue');
  await openFields(page, id);

  // A new workflow starts with the product's list.
  const workflowList = page.getByLabel('Values that mean missing, comma separated');
  await expect(workflowList).toHaveValue('Select, Please select, N/A, #N/A, unknown, -');

  // "none" is one of Need's answers: listing it for every field warns at that field.
  await workflowList.fill('Select, N/A, none');
  const need = fieldCard(page, 'need');
  await expect(page.locator('.qs-fields .qs-node-issues')).toContainText(
    'Need: "none" is an allowed value but also in the workflow\'s list of values that mean missing',
  );
  await expect(need).toContainText('Missing when empty or Select, N/A, none');

  // Need gets its own list, starting from the workflow's; without "none" the warning goes.
  await need.getByLabel(/has its own values that mean missing$/).check();
  const needList = need.getByLabel(/values that mean missing, comma separated$/);
  await expect(needList).toHaveValue('Select, N/A, none');
  await needList.fill('Select, N/A');
  await expect(page.locator('.qs-fields .qs-node-issues')).toHaveCount(0);

  // The lead id: one field only, so marking another takes the mark away from the first.
  await page.getByRole('button', { name: '+ Field' }).click();
  const added = page.locator('.qs-field-card').last();
  await added.getByLabel(/label$/).fill('Prospect ID');
  await added.getByLabel(/path$/).fill('prospectId');
  await added.getByLabel(/is the lead's id$/).check();
  const email = fieldCard(page, 'email');
  await email.getByLabel(/is the lead's id$/).check();
  await expect(added.getByLabel(/is the lead's id$/)).not.toBeChecked();
  await added.getByLabel(/is the lead's id$/).check();
  await expect(email.getByLabel(/is the lead's id$/)).not.toBeChecked();
  // A choice cannot be an id: the box is not offered there.
  await expect(need.getByLabel(/is the lead's id$/)).toHaveCount(0);

  await expectSaved(page);
  const saved = (await (await request.get(`/v1/workflows/${id}`)).json()).workflow;
  expect(saved.missingValues).toEqual(['Select', 'N/A', 'none']);
  const byPath = (path: string) => saved.fields.find((f: { path: string }) => f.path === path);
  expect(byPath('need').missingValues).toEqual(['Select', 'N/A']);
  expect(byPath('prospectId').leadId).toBe(true);
  expect(byPath('email').leadId).toBeUndefined();
  expect(byPath('jobTitle').missingValues).toBeUndefined();

  // Back to the workflow's list for Need, and to the product's list for the workflow.
  await need.getByLabel(/has its own values that mean missing$/).uncheck();
  await page.getByRole('button', { name: /Use the product's list/ }).click();
  await expect(workflowList).toHaveValue('Select, Please select, N/A, #N/A, unknown, -');
  await expectSaved(page);
  const reset = (await (await request.get(`/v1/workflows/${id}`)).json()).workflow;
  expect(reset.fields.find((f: { path: string }) => f.path === 'need').missingValues).toBeUndefined();
});

test("the catalogue marks one field as the lead's current stage", async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'current-stage');
  await openFields(page, id);
  const mark = /is the lead's current stage$/;

  await page.getByRole('button', { name: '+ Field' }).click();
  const added = page.locator('.qs-field-card').last();
  await added.getByLabel(/label$/).fill('Lifecycle stage');
  await added.getByLabel(/path$/).fill('crm.lifecycleStage');
  await added.getByLabel(mark).check();
  // One field only: marking a choice field takes the mark from the first.
  const need = fieldCard(page, 'need');
  await need.getByLabel(mark).check();
  await expect(added.getByLabel(mark)).not.toBeChecked();
  await added.getByLabel(mark).check();
  await expect(need.getByLabel(mark)).not.toBeChecked();
  // A number cannot hold a stage: the box is not offered there.
  await expect(fieldCard(page, 'budget').getByLabel(mark)).toHaveCount(0);

  await expectSaved(page);
  const saved = (await (await request.get(`/v1/workflows/${id}`)).json()).workflow;
  const byPath = (path: string) => saved.fields.find((f: { path: string }) => f.path === path);
  expect(byPath('crm.lifecycleStage').currentStage).toBe(true);
  expect(byPath('need').currentStage).toBeUndefined();

  // The draft reads it: a lead the CRM says is SQL stays SQL whatever the path says.
  const draft = await request.post(`/v1/workflows/${id}/draft/evaluate`, {
    data: { lead: { email: 'ann@gmail.com', crm: { lifecycleStage: 'sql' } }, now: '2026-03-02T09:00:00Z' },
  });
  expect(draft.status()).toBe(200);
  expect(await draft.json()).toMatchObject({ stage: 'SQL', priorStage: 'SQL' });
});

test('a workflow saved before values meant missing opens with none, and keeps them until asked', async ({
  page,
  request,
}) => {
  const template = (await (await request.get('/v1/templates')).json()).items.find(
    (t: { id: string }) => t.id === 'bant-inbound-saas',
  ).workflow;
  const { missingValues: _, ...old } = { ...template, id: `old-${Date.now()}`, schemaVersion: 1 };
  expect((await request.post('/v1/workflows', { data: old })).status()).toBe(201);
  await openFields(page, old.id);
  await expect(page.getByLabel('Values that mean missing, comma separated')).toHaveValue('');
  await expect(fieldCard(page, 'email')).toContainText('Missing when empty or nothing else');
  await page.getByRole('button', { name: /Use the product's list/ }).click();
  await expectSaved(page);
  const saved = (await (await request.get(`/v1/workflows/${old.id}`)).json()).workflow;
  expect(saved).toMatchObject({
    schemaVersion: 2,
    missingValues: ['Select', 'Please select', 'N/A', '#N/A', 'unknown', '-'],
  });
});
