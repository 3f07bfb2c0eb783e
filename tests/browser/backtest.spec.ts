import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { expectSaved, node, selectNode } from './canvas-helpers.ts';

const HISTORY = fileURLToPath(new URL('../../examples/backtest/history.csv', import.meta.url));
const SEEDED = 'Inbound SaaS: scoring and BANT hand-off';

test('backtest a raised MQL threshold on past leads, then take a swept threshold into the draft', async ({
  page,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await page.goto('/');
  await page.getByRole('link', { name: SEEDED }).click();
  await expect(page.getByRole('heading', { level: 1, name: SEEDED })).toBeVisible();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');

  // The draft raises the MQL threshold from 40 (live v1) to 60.
  await selectNode(page, 'tiers');
  await page.locator('.qs-side-body').getByLabel('Tier 1 threshold').fill('60');
  await expect(node(page, 'tiers')).toContainText('60');
  await expectSaved(page);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Backtest' }).click();
  await expect(page).toHaveURL(`/workflows/${id}/backtest`);
  await expect(page.getByRole('heading', { name: /leads whose outcome you already know/ })).toBeVisible();

  await page.getByTestId('backtest-file').setInputFiles(HISTORY);
  await expect(page.getByTestId('backtest-file-info')).toContainText('history.csv');
  await expect(page.getByTestId('backtest-file-info')).toContainText('14 columns');
  await expect(page.getByLabel('Outcome column: did the lead convert?')).toHaveValue('converted');
  const jobTitle = page.getByLabel('Lead field for column job_title');
  await expect(jobTitle).toHaveValue('jobTitle');
  await expect(jobTitle.locator('option:checked')).toHaveText('Job title');
  await expect(page.getByLabel('Lead field for column employees')).toHaveValue('company.employees');
  await expect(page.getByLabel('Lead field for column lead_id')).toHaveValue('');
  await expect(page.getByText('closed won', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Run: Live (v1) vs Current draft' }).click();
  const results = page.getByTestId('backtest-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-leads')).toHaveText(['2,000', '2,000']);
  await expect(page.getByTestId('kpi-baseline')).toHaveText(['19.8%', '19.8%']);
  await expect(page.getByTestId('backtest-summary')).toContainText('2,000 leads evaluated');
  await expect(page.getByTestId('backtest-summary')).toContainText('395');
  await expect(page.getByTestId('backtest-version').first()).toContainText('Live v1');
  await expect(page.getByTestId('backtest-version').last()).toContainText('Draft');
  await expect(page.getByTestId('bt-routes-chart').locator('svg.recharts-surface').first()).toBeVisible();
  await expect(
    page.getByTestId('backtest-histogram').first().locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();

  // A higher threshold only moves leads out of the MQL tier: every change starts from a route it had.
  await expect(page.getByTestId('backtest-change-summary')).toContainText(
    'MQL threshold (MQL) 40 → 60 moves',
  );
  const changes = page.getByTestId('backtest-changes').locator('tbody tr');
  expect(await changes.count()).toBeGreaterThan(0);
  await expect(changes.first()).toContainText('Newsletter');
  await changes
    .first()
    .getByText(/line numbers/)
    .click();
  await expect(changes.first().locator('.qs-bt-lines')).toHaveText(/^\d+(, \d+)*$/);
  await expect(page.getByTestId('backtest-bad-rows')).toBeVisible();
  await expect(page.getByTestId('backtest-data-issues')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results as CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('version,group,name,leads,converted,rate');
  expect(csv).toContain('live v1,all,all leads,2000,395,0.1975');

  // Sweep the MQL threshold of the draft, then click the bar of 50.
  await page.getByLabel('Sweep a threshold (optional)').selectOption('tiers:mql');
  await page.getByRole('button', { name: 'Run: Live (v1) vs Current draft' }).click();
  const sweepTable = page.getByTestId('backtest-sweep-table');
  await expect(sweepTable).toBeVisible({ timeout: 30_000 });
  await expect(sweepTable.locator('tbody tr')).toHaveCount(13);
  await expect(sweepTable.locator('tr.is-current')).toContainText('60');
  // Click the chart in the column of 50 (on its bar, or above it when the bar is short).
  const chart = page.getByTestId('backtest-sweep-chart');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  const plot = await chart.locator('.recharts-cartesian-grid').boundingBox();
  if (!plot) throw new Error('The sweep chart has no plot area');
  // The x-axis tick "50" is the one under the plot area.
  const ticks = chart.locator('.recharts-cartesian-axis-tick-value', { hasText: /^50$/ });
  const boxes = await Promise.all((await ticks.all()).map((t) => t.boundingBox()));
  const tick = boxes.find((b) => b && b.y >= plot.y + plot.height - 1);
  if (!tick) throw new Error('The sweep chart has no tick 50 on its x axis');
  // As a person would: point at the column of 50 (its tooltip shows), then click.
  await page.mouse.move(tick.x + tick.width / 2, plot.y + plot.height * 0.9);
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText('50');
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.getByTestId('backtest-applied')).toContainText(
    'now starts at 50 points in the draft (was 60)',
  );
  await expect(sweepTable.locator('tbody tr', { hasText: 'In the draft' }).locator('th')).toHaveText('50');
  await expectSaved(page);

  // The same edit the inspector makes: visible there, undoable there.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Canvas' }).click();
  await selectNode(page, 'tiers');
  await expect(page.locator('.qs-side-body').getByLabel('Tier 1 threshold')).toHaveValue('50');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.qs-side-body').getByLabel('Tier 1 threshold')).toHaveValue('60');
  await expectSaved(page);
  expect(crashes).toEqual([]);
});

test('rows that cannot be read or hold unusable values are counted and listed', async ({ page }) => {
  await page.goto('/workflows/bant-inbound-saas/backtest');
  const rough = [
    'email,job_title,employees,Deal status',
    'a@acme.com,CEO,120,Closed Won',
    'b@acme.com,CTO,many,lost',
    'c@acme.com,VP Sales,300',
    'd@acme.com,Intern,2,lost',
    '',
  ].join('\n');
  // Dropped on the zone rather than chosen.
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'rough.csv', { type: 'text/csv' }));
    return dt;
  }, rough);
  await page.getByRole('region', { name: 'File of past leads' }).dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('backtest-file-info')).toContainText('rough.csv');
  await expect(page.getByLabel('Outcome column: did the lead convert?')).toHaveValue('Deal status');
  await expect(page.getByLabel('Lead field for column employees')).toHaveValue('company.employees');
  await page.getByLabel('Compare with').selectOption('');
  await page.getByRole('button', { name: 'Run on live (v1)' }).click();
  await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-leads')).toHaveText(['3']);
  await expect(page.getByTestId('kpi-baseline')).toHaveText(['33.3%']);
  await expect(page.getByTestId('backtest-changes')).toHaveCount(0);
  const bad = page.getByTestId('backtest-bad-rows');
  await expect(bad.getByRole('heading')).toHaveText('1 row could not be read');
  await expect(bad.getByRole('listitem')).toHaveText(['Line 4 has 3 cells; the header has 4.']);
  // The runtime says which fields no column fed: here most of the workflow's.
  await expect(page.getByTestId('backtest-mapped')).toContainText(
    'No column fed Industry, Budget (EUR), Authority',
  );
  const issues = page.getByTestId('backtest-data-issues');
  await expect(issues.getByRole('heading')).toHaveText('1 row with data issues');
  await expect(issues.getByRole('listitem')).toHaveText([/^Line 3: .*Employees/i]);
});

test('a file the runtime cannot read ends in a readable error', async ({ page }) => {
  await page.goto('/workflows/bant-inbound-saas/backtest');
  await expect(page.getByText('Test the workflow on leads whose outcome you already know')).toBeVisible();
  await page.getByTestId('backtest-file').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,job_title,result\na@b.com,CEO,won\n"c@d.com,CTO,lost\n'),
  });
  const outcome = page.getByLabel('Outcome column: did the lead convert?');
  await expect(outcome).toHaveValue('');
  await expect(page.getByRole('button', { name: /^Run/ })).toBeDisabled();
  await outcome.selectOption('result');
  await page.getByLabel('Compare with').selectOption('');
  await page.getByRole('button', { name: 'Run on live (v1)' }).click();
  const error = page.getByTestId('backtest-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText('The backtest stopped');
  await expect(page.getByTestId('backtest-results')).toHaveCount(0);
});

test('a large upload shows how much of the file is sent, then the figures', async ({ page }) => {
  // 120,000 rows (about 12 MB): the history repeated; the runtime evaluates rows as they arrive.
  const [header, ...rows] = readFileSync(HISTORY, 'utf8').trim().split('\n');
  const big = join(mkdtempSync(join(tmpdir(), 'qualify-big-')), 'big.csv');
  writeFileSync(big, `${[header, ...Array.from({ length: 60 }, () => rows).flat()].join('\n')}\n`);

  await page.goto('/workflows/bant-inbound-saas/backtest');
  await page.getByTestId('backtest-file').setInputFiles(big);
  await expect(page.getByTestId('backtest-file-info')).toContainText('big.csv');
  await page.getByLabel('Compare with').selectOption('');
  await page.getByRole('button', { name: 'Run on live (v1)' }).click();
  await expect(page.getByTestId('backtest-progress')).toContainText(/Sending the file: \d+%/);
  await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('kpi-leads')).toHaveText(['120,000']);
  await expect(page.getByTestId('kpi-baseline')).toHaveText(['19.8%']);
});

test('past leads are scored as of the latest date in the file; another date or a time column changes the result', async ({
  page,
}) => {
  await page.goto('/workflows/bant-inbound-saas/backtest');
  await page.getByTestId('backtest-file').setInputFiles(HISTORY);
  // Found in the browser, from the whole file: the latest last visit.
  const said = page.getByTestId('backtest-asof-default');
  await expect(said).toHaveText('Latest date in the file (2026-03-02, last website visit).');
  const asOf = page.getByLabel('As-of date');
  await expect(asOf).toHaveValue('2026-03-02');
  await page.getByLabel('Compare with').selectOption('');
  const run = page.getByRole('button', { name: 'Run on live (v1)' });
  await run.click();
  const used = page.getByTestId('backtest-evaluated-at');
  // The runtime finds the same date on its own.
  await expect(used).toHaveText('Evaluated at: As of 2026-03-02 (latest last_visit in the file).', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('kpi-sales')).toHaveText(['113']);

  // Three months on, a demo or a visit no longer counts as recent: fewer leads reach sales.
  await asOf.fill('2026-06-01');
  await expect(said).toContainText(
    'You set 2026-06-01 instead of the default: Latest date in the file (2026-03-02, last website visit).',
  );
  await run.click();
  await expect(used).toHaveText('Evaluated at: As of 2026-06-01 (asOf parameter).', { timeout: 30_000 });
  await expect(page.getByTestId('kpi-sales')).toHaveText(['89']);

  // A date that is not ISO 8601 stops the run before it starts.
  await asOf.fill('1/6/2026');
  await expect(page.getByRole('alert')).toContainText('"1/6/2026" is not a date');
  await expect(run).toBeDisabled();
  await page.getByRole('button', { name: 'Use the default' }).click();
  await expect(asOf).toHaveValue('2026-03-02');

  // Each row as of its own last visit: every visit is recent when it happened.
  await page.getByLabel('each as of its own time in a column').check();
  await page.getByLabel('Time column').selectOption('last_visit');
  await run.click();
  await expect(used).toHaveText(
    'Evaluated at: Each row as of its last_visit (evaluatedAtColumn parameter); rows without a readable last_visit as of 2026-03-02 (latest last_visit in the file).',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('kpi-sales')).toHaveText(['185']);
});

/** Runs the example history through the seeded workflow's live version and its draft, side by side. */
async function runHistory(page: Page) {
  await page.goto('/workflows/bant-inbound-saas/backtest');
  await page.getByTestId('backtest-file').setInputFiles(HISTORY);
  await expect(page.getByLabel('Outcome column: did the lead convert?')).toHaveValue('converted');
  await page.getByRole('button', { name: 'Run: Live (v1) vs Current draft' }).click();
  await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByTestId('backtest-histogram').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
}

test('the backtest page scrolls to the end of its results, not on into blank space', async ({ page }) => {
  await runHistory(page);
  // The screen-reader captions of the results' tables sit far down the page; they stay inside its scroll area.
  const captions = page.getByTestId('backtest-results').locator('caption.qs-sr');
  expect(await captions.count()).toBeGreaterThan(0);
  const sizes = await page.evaluate(() => {
    const wrap = document.querySelector('.qs-backtest-wrap') as HTMLElement;
    const content = document.querySelector('.qs-backtest') as HTMLElement;
    const root = document.scrollingElement as HTMLElement;
    return {
      rootScroll: root.scrollHeight,
      rootHeight: root.clientHeight,
      wrapScroll: wrap.scrollHeight,
      contentBottom:
        content.getBoundingClientRect().bottom - wrap.getBoundingClientRect().top + wrap.scrollTop,
    };
  });
  // The window itself does not scroll: only the backtest's own area does, and it ends where its content ends.
  expect(sizes.rootScroll).toBeLessThanOrEqual(sizes.rootHeight);
  expect(sizes.wrapScroll).toBeLessThanOrEqual(Math.ceil(sizes.contentBottom) + 1);
  // As a person would: scroll to the very bottom (the wheel scrolls whatever still can); the results are still in view.
  await page.mouse.move(700, 500);
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2000);
  await expect(page.getByTestId('backtest-data-issues')).toBeInViewport();
});

test('the score histogram labels every band, "−10 to 0" included', async ({ page }) => {
  await runHistory(page);
  // The bands the table lists (the history has negative scores) are the bands the live version's chart names,
  // drawn beside the draft's: the narrow case, where recharts used to skip labels that collide.
  const bands = await page
    .getByRole('table', { name: 'Conversion per score band' })
    .locator('tbody th')
    .allTextContents();
  expect(bands).toContain('−10 to 0');
  const ticks = page
    .getByTestId('backtest-histogram')
    .first()
    .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks).toHaveText(bands);
  // Each label readable: no two overlap (their drawn boxes, turned as the text is, do not intersect).
  const corners = await ticks.evaluateAll((texts) =>
    texts.map((t) => {
      const text = t as SVGTextElement;
      const box = text.getBBox();
      const m = text.getScreenCTM();
      if (!m) throw new Error('A band label is not drawn');
      const at = (x: number, y: number): [number, number] => [
        m.a * x + m.c * y + m.e,
        m.b * x + m.d * y + m.f,
      ];
      return [
        at(box.x, box.y),
        at(box.x + box.width, box.y),
        at(box.x + box.width, box.y + box.height),
        at(box.x, box.y + box.height),
      ];
    }),
  );
  corners.forEach((quad, i) => {
    const before = corners[i - 1];
    if (before) expect(overlap(before, quad), `labels ${bands[i - 1]} and ${bands[i]} overlap`).toBe(false);
  });
});

type Quad = [number, number][];
/** Whether two convex quadrilaterals overlap (separating axis test on their edges' normals). */
function overlap(a: Quad, b: Quad): boolean {
  for (const quad of [a, b])
    for (const [i, [x1, y1]] of quad.entries()) {
      const [x2, y2] = quad[(i + 1) % quad.length] ?? quad[0] ?? [x1, y1];
      const length = Math.hypot(x2 - x1, y2 - y1);
      const [nx, ny] = [(y1 - y2) / length, (x2 - x1) / length];
      const project = (q: Quad) => q.map(([x, y]) => x * nx + y * ny);
      const [pa, pb] = [project(a), project(b)];
      if (Math.max(...pa) <= Math.min(...pb) + 0.5 || Math.max(...pb) <= Math.min(...pa) + 0.5) return false;
    }
  return true;
}
