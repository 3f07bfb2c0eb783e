import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { dragFromPalette, expectSaved, node, nodeIds, selectNode } from './canvas-helpers.ts';

test('copy, paste, duplicate and delete, each undone', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'edit');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'toDq')).toBeVisible();
  // It opens around the start step; the last steps are one click away.
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await expect(node(page, 'toDq')).toBeInViewport({ ratio: 1 });
  const start = (await nodeIds(page)).length;

  await selectNode(page, 'toDq');
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(start + 1);
  await page.keyboard.press('ControlOrMeta+d');
  await expect(page.locator('.react-flow__node')).toHaveCount(start + 2);
  // The copies are unconnected: no lead can reach them.
  await expect(page.getByTestId('problem-count')).toHaveText('2');

  await page.keyboard.press('ControlOrMeta+z');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(start);
  await expect(page.getByTestId('problem-count')).toHaveCount(0);

  // Delete a connection: the exit it left now leads nowhere, an error on its node.
  const edge = page.locator('.react-flow__edge[data-id="bant-fail-toMqlNurture"]');
  // Connections are keyboard reachable: focus one, Enter selects it, Delete removes it.
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect(edge).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(edge).toHaveCount(0);
  await expect(node(page, 'bant').getByTestId('issue-badge')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeDisabled();
  await expect(page.locator('.qs-publish-reason')).toContainText('Fix 1 error');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(edge).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeEnabled();
});

test('a field added to the catalogue can be used in a condition at once', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'fields');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'dq')).toBeVisible();
  await page.getByRole('tab', { name: 'Fields' }).click();
  await page.getByRole('button', { name: '+ Field' }).click();
  const card = page.locator('.qs-field-card').last();
  await card.getByLabel(/label$/).fill('Region');
  await card.getByLabel(/path$/).fill('company.region');
  await card.getByLabel(/type$/).selectOption('enum');
  await expect(page.getByTestId('problem-count')).toHaveText('1');
  await card.getByLabel(/values, comma separated$/).fill('dach, nordics, other');
  await expect(page.getByTestId('problem-count')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Inspector' }).click();
  await selectNode(page, 'dq');
  const inspector = page.locator('.qs-side-body');
  await inspector.getByRole('button', { name: '+ Check' }).click();
  const row = inspector.locator('.qs-comparison').last();
  await row.getByLabel('Lead field').selectOption({ label: 'Region' });
  await row.getByLabel('Operator').selectOption('eq');
  await row.getByLabel('Region: value').selectOption('other');
  await expect(node(page, 'dq')).toContainText('Region is Other');
  await expectSaved(page);
});

test('renaming a field carries its conditions along, and undo brings the old name back', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'rename');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'dq')).toBeVisible();
  await page.getByRole('tab', { name: 'Fields' }).click();
  const path = page.getByLabel(/path$/).and(page.locator('[value="company.employees"]'));
  await path.fill('company.headcount');
  // Every condition that read the field now reads the new path: no unknown-field errors.
  await expect(page.getByTestId('problem-count')).toHaveCount(0);
  await expectSaved(page);
  const saved = await (await request.get(`/v1/workflows/${id}`)).json();
  expect(JSON.stringify(saved.workflow.nodes)).not.toContain('company.employees');
  expect(JSON.stringify(saved.workflow.nodes)).toContain('company.headcount');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel(/path$/).and(page.locator('[value="company.employees"]'))).toHaveCount(1);
  await expect(page.getByTestId('problem-count')).toHaveCount(0);
});

test('the side panel tabs follow the arrow keys', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'anum-services', 'tabs');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'start')).toBeVisible();
  await page.getByRole('tab', { name: 'Inspector' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Test', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Test', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Review' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
});

test('the problems list selects and centres the node with the issue', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'champ-midmarket', 'problems');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'start')).toBeVisible();
  const before = new Set(await nodeIds(page));
  await page.getByRole('button', { name: /^Add Score tiers/ }).click();
  const added = (await nodeIds(page)).find((x) => !before.has(x))!;
  await expect(node(page, added).getByTestId('issue-badge')).toBeVisible();

  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('tab', { name: 'Problems' }).click();
  await page.locator('.qs-problem', { hasText: 'leads nowhere' }).first().click();
  await expect(node(page, added)).toHaveClass(/selected/);
  await page.waitForTimeout(500);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const box = (await node(page, added).boundingBox())!;
  expect(Math.abs(box.x + box.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(40);
  expect(Math.abs(box.y + box.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(40);
});

test('a conflicting save shows a banner and keeps the local copy', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'anum-services', 'conflict');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'start')).toBeVisible();

  // Someone else saves first.
  const theirs = await (await request.get(`/v1/workflows/${id}`)).json();
  const put = await request.put(`/v1/workflows/${id}`, {
    data: { workflow: { ...theirs.workflow, name: 'Renamed elsewhere' }, revision: theirs.revision },
  });
  expect(put.ok()).toBe(true);

  await page.getByLabel('Workflow name').fill('My local name');
  const banner = page.getByTestId('conflict-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Not saved: conflict');

  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download my copy' }).click();
  expect((await download).suggestedFilename()).toBe(`${id}.my-copy.workflow.json`);

  await banner.getByRole('button', { name: 'Reload theirs' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renamed elsewhere');
  await page.getByRole('button', { name: 'Restore it as the draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My local name');
  await expectSaved(page);
  const stored = await (await request.get(`/v1/workflows/${id}`)).json();
  expect(stored.workflow.name).toBe('My local name');
});

test('a new score step says what its rule without a test does, not "+10 if always"', async ({ page }) => {
  const name = `Score summary ${Date.now()}`;
  await page.goto('/');
  await page.getByRole('button', { name: 'New workflow' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create blank workflow' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const score = await dragFromPalette(page, 'score', { x: 420, y: 200 });
  await expect(node(page, score)).toContainText('+10 for every lead');
  await expect(node(page, score)).not.toContainText('always');
});
