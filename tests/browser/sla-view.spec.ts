import { fileURLToPath } from 'node:url';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { berlinPool } from './handoff-helpers.ts';

const HISTORY = fileURLToPath(new URL('../../examples/backtest/history.csv', import.meta.url));

const HOT_LEAD = {
  email: 'ann@acme.io',
  jobTitle: 'VP Sales',
  company: { employees: 250, industry: 'saas' },
  budget: 20000,
  authority: 'decision_maker',
  need: 'high',
  timeline: 'this_quarter',
  activity: { lastVisit: '2026-03-01T15:00:00Z', pricingViews: 4, demoRequested: true, trialStarted: false },
};

/** Edits the stored draft through the API, as the canvas would, and publishes it. */
// biome-ignore lint/suspicious/noExplicitAny: the test edits the document freely; the runtime validates it
async function publishWith(request: APIRequestContext, id: string, edit: (wf: Record<string, any>) => void) {
  const record = await (await request.get(`/v1/workflows/${id}`)).json();
  const workflow = structuredClone(record.workflow);
  edit(workflow);
  const saved = await request.put(`/v1/workflows/${id}`, { data: { workflow, revision: record.revision } });
  expect(saved.status()).toBe(200);
  expect((await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'test' } })).status()).toBe(201);
}

test('the SLA view shows the sales side with working hours, records a sign-off and prints without buttons', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'sla');
  const pool = await berlinPool(request, { managerEmail: 'mia@example.com' });
  await publishWith(request, id, (wf) => {
    const sales = wf.nodes.find((n: { id: string }) => n.id === 'toSales');
    sales.data.assign = { pool, method: 'turn' };
    sales.data.sla.acceptWithinHours = 8;
    sales.data.escalation = [
      { afterHours: 2, action: 'notify_manager' },
      { afterHours: 4, action: 'reassign' },
    ];
  });
  for (let i = 0; i < 3; i++) {
    const res = await request.post(`/v1/workflows/${id}/evaluate`, {
      data: { lead: { ...HOT_LEAD, id: `L-${i}` } },
    });
    expect(res.ok()).toBe(true);
  }

  await page.goto(`/workflows/${id}/sla`);
  const sales = page.getByTestId('outcome-toSales');
  await expect(sales.getByTestId('sales-side')).toContainText(
    'EMEA AEs pool, round robin by turn (weighted)',
  );
  await expect(sales.getByTestId('working-hours')).toHaveText('Mon–Fri 09:00–17:00, Europe/Berlin');
  await expect(sales.locator('.qs-commitments li')).toHaveText([
    'First touch within 4 working hours',
    '5 touches in all',
    'Accept the lead, or reject it with a reason, within 8 working hours',
    '"Due soon" warning 1 working hour before the first touch is due',
  ]);
  await expect(sales).toContainText(
    "2 working hours after the due time: notify the pool's manager (mia@example.com)",
  );
  await expect(sales.getByTestId('volume')).toContainText('About 0.8 leads a week (last 4 weeks: 3)');
  // A bar a week (weeks without leads draw no bar, but keep their place on the axis).
  await expect(sales.locator('.recharts-xAxis .recharts-cartesian-axis-tick')).toHaveCount(4);
  await expect(sales.locator('.recharts-bar-rectangle')).toHaveCount(1);

  // Sign off through the dialog: focus on the first field, Enter submits.
  await expect(page.getByTestId('signoff-status')).toHaveText(
    'Nobody has signed off yet. Ask sales to sign off on version 1, the live one.',
  );
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByLabel('Who agrees')).toBeFocused();
  await page.getByLabel('Who agrees').fill('Dana Reyes');
  await page.getByLabel('Role').fill('VP Sales');
  await page.getByLabel('Note (optional)').fill('Agreed at the pipeline review');
  await page.getByLabel('Role').press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();
  const row = page.getByRole('table', { name: 'Sign-offs' }).getByRole('row').nth(1);
  await expect(row).toContainText('Dana Reyes');

  await page.reload();
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText('Dana Reyes');
  await expect(cells.nth(1)).toHaveText('VP Sales');
  await expect(cells.nth(2)).toHaveText('1');
  await expect(cells.nth(4)).toHaveText('Agreed at the pipeline review');
  await expect(page.getByTestId('signoff-status')).toHaveText('Signed off on version 1.');
  await expect(page.getByTestId('signoff-summary')).toContainText('Agreed by Dana Reyes (VP Sales) on');

  // On paper: no app bar, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign off' })).toBeHidden();
  await expect(page.locator('.qs-appbar')).toBeHidden();
  await expect(sales.getByTestId('working-hours')).toBeVisible();
  // A page per route, black on white.
  await expect(page.locator('.qs-outcome').nth(1)).toHaveCSS('break-before', 'page');
  await expect(sales.locator('h3')).toHaveCSS('color', 'rgb(0, 0, 0)');
  await expect(sales.getByTestId('sales-side')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.qs-outcome').nth(1)).not.toHaveCSS('break-before', 'page');

  // A newer live version than the one agreed to is called out.
  await publishWith(request, id, (wf) => {
    wf.description = 'Second take';
  });
  await page.reload();
  await expect(page.getByTestId('signoff-status')).toHaveText(
    /^Version 2 is live, but the newest sign-off is for version 1/,
  );
  // Also at the top, where a reader starts.
  await expect(page.getByTestId('signoff-summary')).toHaveText(
    /^Version 2 is live, but the newest sign-off is for version 1/,
  );
});

test("without decisions in the log, the SLA view offers the session's last backtest as each route's share", async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'sla-bt');
  expect((await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'v1' } })).status()).toBe(201);

  await page.goto(`/workflows/${id}/sla`);
  await expect(page.getByTestId('outcome-toSales')).toContainText(
    'The decision log has no decisions for this workflow in the last 4 weeks. Run a backtest',
  );

  await page.goto(`/workflows/${id}/backtest`);
  await page.getByTestId('backtest-file').setInputFiles(HISTORY);
  await expect(page.getByLabel('Outcome column: did the lead convert?')).toHaveValue('converted');
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 30_000 });
  // The SLA view within the same session (no reload): the backtest is still in the studio's store.
  await page.getByRole('link', { name: 'SLA view' }).click();
  await expect(page.getByTestId('outcome-toSales').getByTestId('volume-backtest')).toHaveText(
    /^In this session's last backtest, [\d,]+ of 2,000 leads \([\d.]+%\) came here\./,
  );
});

test('on paper, step numbers of two digits print whole ("10.", not "0.")', async ({ page }) => {
  await page.goto('/workflows/bant-inbound-saas/sla');
  const steps = page.locator('.qs-steps > li');
  // The view renders once the workflow has loaded: wait for a tenth step rather than counting at once.
  await expect(steps.nth(9)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  // Nothing left of the page's left edge is printed: the marker "10. ", set in the item's own font and
  // ending where the item starts, has to begin at or right of it.
  const room = await steps.nth(9).evaluate((li) => {
    const probe = document.createElement('span');
    probe.textContent = '10. ';
    probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre; font: inherit;';
    li.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    const page = li.closest('.qs-page')?.getBoundingClientRect().left ?? 0;
    return { markerStart: li.getBoundingClientRect().left - width, pageStart: Math.max(0, page) };
  });
  expect(room.markerStart).toBeGreaterThanOrEqual(room.pageStart);
  await page.emulateMedia({ media: 'screen' });
});
