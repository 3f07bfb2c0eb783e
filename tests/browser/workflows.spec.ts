import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, node, selectNode } from './canvas-helpers.ts';

test('create from a template, duplicate, export, import and archive', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'From template…' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Mid-market: CHAMP, weighted/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mid-market: CHAMP, weighted' })).toBeVisible();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
  expect(id).toMatch(/^champ-midmarket-\d+$/);

  await page.getByRole('link', { name: 'Back to workflows' }).click();
  const row = page.locator(`tr[data-workflow="${id}"]`);
  await expect(row.locator('.qs-chip')).toHaveText('Draft');

  await row.getByRole('button', { name: /^Duplicate/ }).click();
  const copy = page.locator(`tr[data-workflow="${id}-copy"]`);
  await expect(copy).toContainText('Copy of Mid-market: CHAMP, weighted');

  const download = page.waitForEvent('download');
  await copy.getByRole('button', { name: /^Export/ }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.id).toBe(`${id}-copy`);
  expect(exported.nodes.length).toBeGreaterThan(3);

  // The file's id is taken: the studio asks, and a copy is one of the answers.
  await page.getByTestId('import-file').setInputFiles(file);
  const ask = page.getByRole('dialog', { name: 'Import workflow' });
  await expect(ask).toContainText(`A workflow with the id ${id}-copy already exists`);
  await ask.getByRole('button', { name: 'Create a copy' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Copy of Mid-market: CHAMP, weighted' }),
  ).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/workflows/${id}-copy-2`);

  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await copy.getByRole('button', { name: /^Archive/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
  await expect(copy).toHaveCount(0);
  await page.getByLabel('Show archived').check();
  await expect(copy.locator('.qs-chip')).toHaveText('Archived');
  await copy.getByRole('button', { name: /^Restore/ }).click();
  await page.getByLabel('Show archived').uncheck();
  await expect(copy.locator('.qs-chip')).toHaveText('Draft');
});

test('importing a file whose id exists can update that draft instead of making a copy', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'import-into');
  const stored = (await (await request.get(`/v1/workflows/${id}`)).json()) as {
    revision: number;
    workflow: Record<string, unknown>;
  };
  const file = {
    name: `${id}.workflow.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...stored.workflow, name: 'Inbound SaaS, edited offline' })),
  };

  await page.goto('/');
  await page.getByTestId('import-file').setInputFiles(file);
  const ask = page.getByRole('dialog', { name: 'Import workflow' });
  await expect(ask).toContainText(`A workflow with the id ${id} already exists`);
  // Cancel imports nothing.
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.locator(`tr[data-workflow^="${id}-"]`)).toHaveCount(0);

  await page.getByTestId('import-file').setInputFiles(file);
  // A dialog of choices starts on its main one, so Enter takes it (not the × that would close it).
  await expect(ask.getByRole('button', { name: 'Update the draft' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Inbound SaaS, edited offline' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/workflows/${id}`);
  const after = (await (await request.get(`/v1/workflows/${id}`)).json()) as {
    revision: number;
    workflow: { name: string };
  };
  expect(after.workflow.name).toBe('Inbound SaaS, edited offline');
  expect(after.revision).toBe(stored.revision + 1);
  const all = (await (await request.get('/v1/workflows?archived=true')).json()) as {
    items: { id: string }[];
  };
  expect(all.items.filter((w) => w.id.startsWith(`${id}-`))).toEqual([]);
});

test('publish two versions, make the first live again, read the SLA view', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'versions');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'toSales')).toBeVisible();

  const publish = async (note: string) => {
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('What changed, and why').fill(note);
    await page.getByRole('button', { name: 'Publish and make live' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  };
  await publish('As agreed in the spring review');
  // Publishing again without a change is refused before it is tried, with the reason.
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeDisabled();
  await expect(page.locator('.qs-publish-reason')).toHaveText('Nothing to publish: the draft is version 1.');
  await selectNode(page, 'toSales');
  await page
    .locator('.qs-side-body')
    .getByLabel(/^First contact within/)
    .first()
    .fill('2');
  await expect(node(page, 'toSales')).toContainText('contact within 2 working h');
  await expectSaved(page);
  await publish('Faster first contact');
  await expect(page.locator('.qs-editor-head .qs-chip.is-live')).toHaveText('Live v2');

  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.locator('.qs-versions li');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText('Faster first contact');
  await versions.nth(1).getByRole('button', { name: 'Make live' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make version 1 live' }).click();
  await expect(page.locator('.qs-editor-head .qs-chip.is-live')).toHaveText('Live v1');
  const record = await (await request.get(`/v1/workflows/${id}`)).json();
  expect(record.liveVersion).toBe(1);

  await page.getByRole('link', { name: 'SLA view' }).click();
  const first = page.locator('.qs-outcome').first();
  await expect(first).toHaveClass(/is-sales/);
  await expect(first.getByTestId('sales-side')).toContainText('First touch within 4 working hours');
  await expect(first).toContainText('A lead goes here when');
  await expect(first).toContainText('BANT hand-off passes: at least 3 of 4 criteria are met');
  await page.getByLabel('Show the current draft instead of the live version').check();
  await expect(page.locator('.qs-outcome').first().getByTestId('sales-side')).toContainText(
    'First touch within 2 working hours',
  );
});
