import { expect, type Page, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, selectNode } from './canvas-helpers.ts';
import {
  countThroughRuntime,
  nonZero,
  readCounts,
  ruleLabels,
  ruleRows,
  spreadLeads,
} from './score-helpers.ts';

/** Pastes text into the focused element as the browser does on Ctrl+V (a paste event with the clipboard's text). */
async function pasteText(page: Page, text: string) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(event);
  }, text);
}

test('score rules edit as a table: inline points, drag and keyboard reorder, spreadsheet paste as one undo step, details', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'score-table');
  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'fit');
  const side = page.locator('.qs-side-body');
  const rows = ruleRows(page);
  await expect(rows).toHaveCount(4);
  // Each row shows its condition as the rules core reads it, its points and its decay.
  await expect(rows.nth(1).locator('.qs-rule-cond')).toHaveText('Employees is between 50 and 1,000');
  await expect(side.getByRole('columnheader', { name: 'Decay' })).toBeVisible();
  const before = await ruleLabels(page);
  expect(before).toEqual([
    'Senior job title',
    '50 to 1,000 employees',
    'Target industry',
    'Free-mail address',
  ]);

  // Points edit in place.
  await side.getByLabel('Rule 1 points').fill('35');
  await expectSaved(page);
  let stored = await (await request.get(`/v1/workflows/${id}`)).json();
  const fitOf = (w: { nodes: { id: string; data: { rules: { label: string; points: number }[] } }[] }) =>
    w.nodes.find((n) => n.id === 'fit')!.data.rules;
  expect(fitOf(stored.workflow)[0]).toMatchObject({ label: 'Senior job title', points: 35 });

  // Drag the first row's handle below the third row.
  const handle = rows.nth(0).getByRole('button', { name: /^Reorder rule Senior job title/ });
  const a = (await handle.boundingBox())!;
  const third = (await rows.nth(2).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, third.y + third.height - 4, { steps: 10 });
  await expect(rows.nth(0)).toHaveClass(/is-dragging/);
  await page.mouse.up();
  await expect
    .poll(() => ruleLabels(page))
    .toEqual(['50 to 1,000 employees', 'Target industry', 'Senior job title', 'Free-mail address']);

  // The keyboard way: Alt+↑ in a row moves it up, and focus stays in the row.
  await side.getByLabel('Rule 4 label').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect
    .poll(() => ruleLabels(page))
    .toEqual(['50 to 1,000 employees', 'Target industry', 'Free-mail address', 'Senior job title']);
  await expect(side.getByLabel('Rule 3 label')).toBeFocused();
  await expect(side.locator('[aria-live="polite"]')).toHaveText(
    'Moved "Free-mail address" to position 3 of 4.',
  );
  await expectSaved(page);
  stored = await (await request.get(`/v1/workflows/${id}`)).json();
  expect(fitOf(stored.workflow).map((r) => r.label)).toEqual(await ruleLabels(page));

  // Three rows from a spreadsheet, the second not understood: two rules added, the bad row said with why.
  await side.getByLabel('Rule 1 label').focus();
  await pasteText(
    page,
    'Large company\t10\tcompany.employees\t>=\t1000\nBad row\tlots\nDecision maker\t15\tAuthority\tis\tdecision_maker\n',
  );
  const report = page.getByTestId('paste-report');
  await expect(report).toContainText('Added 2 rules (one undo step). 1 row was not understood:');
  await expect(report.getByRole('listitem')).toHaveText([
    'Line 2 "Bad row · lots": points "lots" are not a whole number.',
  ]);
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(4).locator('.qs-rule-cond')).toHaveText('Employees is at least 1,000');
  await expect(side.getByLabel('Rule 6 points')).toHaveValue('15');
  // The paste did not also land in the label box it was pasted into.
  await expect(side.getByLabel('Rule 1 label')).toHaveValue('50 to 1,000 employees');

  // A row opens its details: the rule form with the condition editor.
  await rows.nth(4).locator('.qs-rule-cond').click();
  const details = page.getByTestId('rule-details');
  await expect(details).toBeVisible();
  await expect(details.locator('select').first()).toHaveValue('company.employees');
  await expect(details.getByText('Decay with age')).toBeVisible();

  // One undo takes the whole paste back, and only the paste.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(4);
  expect(await ruleLabels(page)).toEqual([
    '50 to 1,000 employees',
    'Target industry',
    'Free-mail address',
    'Senior job title',
  ]);
  await expect(side.getByLabel('Rule 4 points')).toHaveValue('35');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(rows).toHaveCount(6);
  expect(crashes).toEqual([]);
});

test('an empty score step says so and still takes pasted rows', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'score-empty');
  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'fit');
  const side = page.locator('.qs-side-body');
  for (let i = 4; i >= 1; i--)
    await side
      .getByRole('button', { name: /^Remove rule / })
      .first()
      .click();
  await expect(page.getByTestId('score-rules')).toContainText('No rules yet: this step adds no points.');
  await side.getByText('Paste rows from a spreadsheet', { exact: true }).click();
  await side.getByLabel('Rows to paste').fill('Label\tPoints\nDemo booked\t25');
  await side.getByRole('button', { name: 'Add rows' }).click();
  await expect(ruleRows(page)).toHaveCount(1);
  await expect(ruleRows(page).locator('.qs-rule-cond')).toHaveText('Every lead (no condition yet)');
  // The group's floor sits beside its cap, and negative floors are allowed.
  await side.getByLabel('Floor (points)').fill('-10');
  await expectSaved(page);
  const stored = await (await request.get(`/v1/workflows/${id}`)).json();
  expect(stored.workflow.nodes.find((n: { id: string }) => n.id === 'fit').data).toMatchObject({
    floor: -10,
    rules: [{ label: 'Demo booked', points: 25 }],
  });
});

test('the distribution panel counts the sample as the runtime does and moves when a rule’s points change', async ({
  page,
  request,
}) => {
  const now = '2026-03-02T09:00:00Z';
  const leads = spreadLeads(now);
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'score-dist', { testCases: [] });
  let record = await (await request.get(`/v1/workflows/${id}`)).json();
  // The sample: forty test cases, each expecting what the draft does now (so the version publishes).
  const first = await countThroughRuntime(request, id, record.workflow, leads);
  const testCases = leads.map((l, i) => ({
    id: `lead-${i + 1}`,
    name: l.name,
    lead: l.lead,
    now: l.now,
    expect: { route: first.decisions[i]!.route?.kind ?? null, stage: first.decisions[i]!.stage },
  }));
  const put = await request.put(`/v1/workflows/${id}`, {
    data: { workflow: { ...record.workflow, testCases }, revision: record.revision },
  });
  expect(put.ok()).toBe(true);
  expect((await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'Baseline' } })).status()).toBe(
    201,
  );
  expect(Object.keys(first.routes).length).toBeGreaterThan(2);

  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'fit');
  const panel = page.getByTestId('distribution');
  await expect(page.locator('.qs-distribution > summary')).toContainText('over 40 leads');
  await expect(panel).toContainText('The draft over 40 test cases, beside the live version (grey)');
  const routeTable = page.getByTestId('distribution-route-table');
  const bandTable = page.getByTestId('distribution-band-table');
  await expect.poll(async () => nonZero(await readCounts(routeTable), 0)).toEqual(first.routes);
  expect(nonZero(await readCounts(routeTable), 1)).toEqual(first.routes);
  await panel.getByText('Leads per total score band').click();
  expect(nonZero(await readCounts(bandTable), 0)).toEqual(first.bands);
  await expect(
    page.getByTestId('distribution-histogram').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();

  // A senior title now earns 45 fit points, not 20: more leads reach the MQL threshold.
  await page.locator('.qs-side-body').getByLabel('Rule 1 points').fill('45');
  await expectSaved(page);
  record = await (await request.get(`/v1/workflows/${id}`)).json();
  const second = await countThroughRuntime(request, id, record.workflow, leads);
  expect(second.routes).not.toEqual(first.routes);
  await expect.poll(async () => nonZero(await readCounts(routeTable), 0)).toEqual(second.routes);
  // The live version's column keeps what it was: the change shows against it.
  expect(nonZero(await readCounts(routeTable), 1)).toEqual(first.routes);
  expect(nonZero(await readCounts(bandTable), 0)).toEqual(second.bands);
  expect(nonZero(await readCounts(bandTable), 1)).toEqual(first.bands);
});

test('the distribution panel says plainly when there is no sample', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'score-nosample', { testCases: [] });
  await page.goto(`/workflows/${id}`);
  await selectNode(page, 'fit');
  await expect(page.getByTestId('distribution')).toContainText(
    'No sample leads: add test cases or sample leads',
  );
});
