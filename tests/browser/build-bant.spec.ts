import { expect, test } from '@playwright/test';
import { connect, dragFromPalette, expectSaved, node, nodeIds, selectNode } from './canvas-helpers.ts';

/**
 * One story, step by step: a team builds a BANT hand-off from nothing, tests a lead, publishes,
 * and the runtime then routes that lead the way the canvas showed.
 */
test.describe.configure({ mode: 'serial' });

const LEAD = {
  email: 'ann@acme.io',
  budget: 25000,
  authority: 'decision_maker',
  need: 'high',
  timeline: 'this_quarter',
};

test('build a BANT workflow from nothing, test it, publish it, evaluate over HTTP', async ({
  page,
  request,
}) => {
  const name = `BANT hand-off ${Date.now()}`;
  await page.goto('/');
  await page.getByRole('button', { name: 'New workflow' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create blank workflow' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
  expect(id).not.toBe('');
  expect(await nodeIds(page)).toEqual(['start']);

  // A gate and two routes from the palette, by drag and drop.
  const gate = await dragFromPalette(page, 'gate', { x: 420, y: 200 });
  const sales = await dragFromPalette(page, 'route', { x: 720, y: 120 });
  const nurture = await dragFromPalette(page, 'route', { x: 720, y: 420 });

  // An unconnected route has a badge (no lead can reach it) that clears once it is connected.
  await expect(node(page, sales).getByTestId('issue-badge')).toBeVisible();
  await connect(page, 'start', 'next', gate);
  await connect(page, gate, 'pass', sales);
  await expect(node(page, sales).getByTestId('issue-badge')).toHaveCount(0);
  await connect(page, gate, 'fail', nurture);
  await expect(node(page, nurture).getByTestId('issue-badge')).toHaveCount(0);

  // The gate: a new gate is BANT, each criterion already reading its catalogue field; the team sets the amount.
  await selectNode(page, gate);
  const inspector = page.locator('.qs-side-body');
  await inspector.getByLabel('Label').fill('BANT hand-off');
  await expect(inspector.getByLabel('Framework')).toHaveValue('BANT');
  const criteria = inspector.locator('.qs-card');
  await expect(criteria).toHaveCount(4);
  const row = (i: number) => criteria.nth(i).locator('.qs-comparison');
  for (const [i, field] of ['budget', 'authority', 'need', 'timeline'].entries())
    await expect(row(i).getByLabel('Lead field')).toHaveValue(field);
  await expect(row(0).getByLabel('Operator')).toHaveValue('gte');
  await row(0).getByLabel('Budget (EUR): value').fill('10000');
  await expect(row(2).getByLabel('High', { exact: true })).toBeChecked();
  await expect(row(3).getByLabel('This quarter')).toBeChecked();
  await expect(row(3).getByLabel('Later', { exact: true })).not.toBeChecked();
  await expect(node(page, gate)).toContainText('BANT: 3 of 4 criteria');
  await expect(node(page, gate).getByTestId('issue-badge')).toHaveCount(0);

  // The routes: sales with a 4-hour SLA, the rest to nurture.
  await selectNode(page, sales);
  await inspector.getByLabel('Label').fill('Inbound SDR');
  await inspector.getByLabel('Sales queue').fill('Inbound SDR');
  await inspector.getByLabel('Priority').selectOption('high');
  await inspector.getByLabel('First contact within (hours)').first().fill('4');
  await selectNode(page, nurture);
  await inspector.getByLabel('Label').fill('Product education');
  await inspector.getByLabel('Send the lead to').selectOption('nurture');
  await inspector.getByLabel('Nurture track').fill('Product education');
  await expect(node(page, nurture)).toContainText('Nurture: Product education');
  await expect(page.getByTestId('problem-count')).toHaveCount(0);

  // Undo and redo: delete the nurture route, bring it back, delete it again, bring it back.
  await selectNode(page, nurture);
  await page.keyboard.press('Delete');
  await expect(node(page, nurture)).toHaveCount(0);
  await expect(node(page, gate).getByTestId('issue-badge')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(node(page, nurture)).toHaveCount(1);
  await expect(page.locator(`.react-flow__edge[data-id^="e-${gate}-fail"]`)).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(node(page, nurture)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, nurture)).toHaveCount(1);
  await expect(node(page, gate).getByTestId('issue-badge')).toHaveCount(0);
  await expectSaved(page);

  // Run a sample lead against the draft: the path lights up and the receipt explains it.
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Lead JSON').fill(JSON.stringify(LEAD));
  await page.getByRole('button', { name: 'Run test lead' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-route')).toHaveText('Sales: Inbound SDR');
  await expect(receipt).toContainText('first contact within 4 h');
  await expect(receipt.locator('.qs-criteria li.is-met')).toHaveCount(4);
  for (const id of ['start', gate, sales])
    await expect(node(page, id).locator('.qs-node')).toHaveClass(/is-taken/);
  await expect(node(page, nurture).locator('.qs-node')).toHaveClass(/is-dimmed/);
  await expect(page.locator(`.react-flow__edge[data-id^="e-${gate}-pass"]`)).toHaveClass(/is-taken/);
  await expect(page.locator(`.react-flow__edge[data-id^="e-${gate}-fail"]`)).toHaveClass(/is-dimmed/);
  const canvasRoute = await receipt.getByTestId('receipt-route').textContent();

  // The same lead in the form built from the catalogue: without budget or timeline it is nurtured.
  await page.getByRole('tab', { name: 'Form', exact: true }).click();
  await expect(page.locator('.qs-lead-form').getByLabel('Budget (EUR)')).toHaveValue('25000');
  await page.locator('.qs-lead-form').getByLabel('Budget (EUR)').fill('');
  await page.locator('.qs-lead-form').getByLabel('Timeline').selectOption('later');
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(receipt.getByTestId('receipt-route')).toHaveText('Nurture: Product education');
  await expect(receipt.locator('.qs-criteria li.is-unknown')).toHaveText(['unknown Budget']);
  await expect(receipt).toContainText('Ask about budget');

  // The compiled artifact, ready to copy.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('tab', { name: 'Compiled JSON-logic' }).click();
  await expect(page.getByTestId('compiled-json')).toContainText('qualify-artifact/1');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Lead JSON').fill(JSON.stringify(LEAD));
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(receipt.getByTestId('receipt-route')).toHaveText(canvasRoute ?? '');

  // Publish with a note; the version is live.
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByLabel('What changed, and why').fill('First BANT hand-off agreed with sales');
  await page.getByRole('button', { name: 'Publish and make live' }).click();
  await expect(page.locator('.qs-editor-head .qs-chip.is-live')).toHaveText('Live v1');
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(page.locator('.qs-versions li')).toHaveCount(1);
  await expect(page.locator('.qs-versions')).toContainText('First BANT hand-off agreed with sales');

  // The runtime routes the same lead the way the canvas showed.
  const res = await request.post(`/v1/workflows/${encodeURIComponent(id)}/evaluate`, {
    data: { lead: LEAD },
  });
  expect(res.status()).toBe(200);
  const decision = await res.json();
  expect(decision.workflow.version).toBe(1);
  expect(`Sales: ${decision.route.target}`).toBe(canvasRoute);
  expect(decision.path).toEqual(['start', gate, sales]);
});
