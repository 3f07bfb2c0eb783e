import { expect, type Page, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, node, selectNode } from './canvas-helpers.ts';

/** Publishes the saved draft from the header. */
async function publish(page: Page, note: string) {
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByLabel('What changed, and why').fill(note);
  await page.getByRole('button', { name: 'Publish and make live' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

/** Opens a fresh BANT workflow with two published versions: v1 (4 h first contact), v2 (2 h), v2 live. */
async function twoVersions(page: Page, request: Parameters<typeof createFromTemplate>[0], prefix: string) {
  const id = await createFromTemplate(request, 'bant-inbound-saas', prefix);
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'toSales')).toBeVisible();
  await publish(page, 'First');
  await selectNode(page, 'toSales');
  await page
    .locator('.qs-side-body')
    .getByLabel(/^First contact within/)
    .first()
    .fill('2');
  await expectSaved(page);
  await publish(page, 'Faster first contact');
  await expect(page.locator('.qs-editor-head .qs-chip.is-live')).toHaveText('Live v2');
  return id;
}

test('making an older version live asks first; Escape cancels, Enter confirms', async ({ page, request }) => {
  const id = await twoVersions(page, request, 'rollback-confirm');
  await page.getByRole('tab', { name: 'Versions' }).click();
  const older = page.locator('.qs-versions li').nth(1);
  await older.getByRole('button', { name: 'Make live' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make version 1 live' });
  await expect(dialog).toContainText('instead of version 2');
  // Nothing has changed yet; cancelling leaves version 2 live.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await (await request.get(`/v1/workflows/${id}`)).json()).liveVersion).toBe(2);

  await older.getByRole('button', { name: 'Make live' }).click();
  await expect(dialog.getByRole('button', { name: 'Make version 1 live' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.qs-editor-head .qs-chip.is-live')).toHaveText('Live v1');
  expect((await (await request.get(`/v1/workflows/${id}`)).json()).liveVersion).toBe(1);
});

test('after an older version is made live, the header says the draft differs and offers the latest back', async ({
  page,
  request,
}) => {
  const id = await twoVersions(page, request, 'rollback-header');
  const head = page.locator('.qs-editor-head');
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.locator('.qs-versions li').nth(1).getByRole('button', { name: 'Make live' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make version 1 live' }).click();
  await expect(head.locator('.qs-chip.is-live')).toHaveText('Live v1');
  // The draft is what was published as version 2: not "nothing to publish", and not published again.
  await expect(head.locator('.qs-chip.is-pending')).toHaveText('Draft differs from live v1');
  await expect(head.locator('.qs-publish-reason')).toHaveText(
    'The draft is version 2; version 1 is live. Make version 2 live again to use it.',
  );
  await expect(head).not.toContainText('Nothing to publish');
  await expect(head.getByRole('button', { name: 'Publish…' })).toHaveCount(0);

  await head.getByRole('button', { name: 'Make v2 live…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make version 2 live' }).click();
  await expect(head.locator('.qs-chip.is-live')).toHaveText('Live v2');
  await expect(head.locator('.qs-chip.is-pending')).toHaveCount(0);
  await expect(head.locator('.qs-publish-reason')).toHaveText('Nothing to publish: the draft is version 2.');
  expect((await (await request.get(`/v1/workflows/${id}`)).json()).liveVersion).toBe(2);

  // The workflows list says the same of a workflow whose draft is not the live version.
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.locator('.qs-versions li').nth(1).getByRole('button', { name: 'Make live' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make version 1 live' }).click();
  await expect(head.locator('.qs-chip.is-live')).toHaveText('Live v1');
  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await expect(page.locator(`tr[data-workflow="${id}"] .qs-chip.is-pending`)).toHaveText(
    'Draft differs from live v1',
  );
});

test('any version restores into the draft as an undoable edit that is saved', async ({ page, request }) => {
  const id = await twoVersions(page, request, 'restore');
  const draftHours = async () => {
    const record = await (await request.get(`/v1/workflows/${id}`)).json();
    const toSales = record.workflow.nodes.find((n: { id: string }) => n.id === 'toSales');
    return JSON.stringify(toSales.data);
  };
  const v2 = await draftHours();
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.locator('.qs-versions li');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText('Version 2');
  // The live version can be restored too; it is the draft already.
  await versions.first().getByRole('button', { name: 'Restore into the draft' }).click();
  await expect(page.getByText('The draft already is version 2.')).toBeVisible();

  await versions.nth(1).getByRole('button', { name: 'Restore into the draft' }).click();
  await expect(node(page, 'toSales')).toContainText('contact within 4 working h');
  await expectSaved(page);
  const v1 = await draftHours();
  expect(v1).not.toBe(v2);
  const head = page.locator('.qs-editor-head');
  await expect(head.locator('.qs-chip.is-pending')).toHaveText('Changes not yet published');
  await expect(head.getByRole('button', { name: 'Publish…' })).toBeEnabled();

  // One undo brings the draft back, and that is saved too.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'toSales')).toContainText('contact within 2 working h');
  await expectSaved(page);
  expect(await draftHours()).toBe(v2);
});

test('"Nothing to publish" is a state, not an error; the header and the Problems tab count the same errors', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'counts');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'toDq')).toBeVisible();
  await publish(page, 'First');
  const reason = page.locator('.qs-publish-reason');
  await expect(reason).toHaveText('Nothing to publish: the draft is version 1.');
  const bad = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--bad').trim(),
  );
  const color = (l: typeof reason) => l.evaluate((el) => getComputedStyle(el).color);
  const badRgb = await page.evaluate((c) => {
    const probe = document.createElement('span');
    probe.style.color = c;
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color;
    probe.remove();
    return rgb;
  }, bad);
  expect(await color(reason)).not.toBe(badRgb);

  // A warning (an unconnected copy, which no lead reaches), then an error (an exit that leads nowhere, which
  // also leaves the step it led to unreached: a second warning).
  await selectNode(page, 'toDq');
  await page.keyboard.press('ControlOrMeta+d');
  await expect(page.getByTestId('problem-count')).toHaveText('1');
  await expect(page.getByTestId('problem-count')).toHaveClass(/is-warning/);
  const edge = page.locator('.react-flow__edge[data-id="bant-fail-toMqlNurture"]');
  await edge.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(edge).toHaveCount(0);
  await expect(reason).toHaveText('Fix 1 error before publishing (see Problems).');
  await expect(reason).toHaveClass(/is-error/);
  expect(await color(reason)).toBe(badRgb);
  await expect(page.getByTestId('problem-count')).toHaveText('1');
  await expect(page.getByTestId('problem-count')).toHaveClass(/is-error/);
  await expect(page.getByTestId('problem-count')).toHaveAttribute('title', '1 error and 2 warnings');
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByTestId('problems-summary')).toHaveText(
    '1 error and 2 warnings. Publishing waits until the errors are fixed.',
  );
  await expect(page.locator('.qs-problem.is-error')).toHaveCount(1);
});
