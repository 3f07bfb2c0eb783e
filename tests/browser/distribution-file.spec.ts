import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { Workflow } from '@qualify/rules';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, selectNode } from './canvas-helpers.ts';
import { countThroughRuntime, nonZero, readCounts } from './score-helpers.ts';

type Json = Record<string, unknown>;
const DAY = 86_400_000;
const AT = Date.parse('2026-03-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Events of one type, the newest `newest` days before `at`, one a day. */
const events = (at: number, n: number, type: string, newest: number, extra: Json = {}) =>
  Array.from({ length: n }, (_, k) => ({ type, ...extra, at: iso(at - (newest + k) * DAY) }));

/** Twelve past trials that spread over the PLG example's routes, each scored as of its own time. */
const TRIALS = Array.from({ length: 12 }, (_, i) => {
  const at = AT - (i % 3) * 7 * DAY;
  return {
    email: `trial${i}@${i % 5 === 4 ? 'gmail.com' : 'acme.io'}`,
    jobTitle: ['Head of Growth', 'Data Analyst', 'VP Sales', 'Founder', 'Designer'][i % 5]!,
    employees: [8, 45, 300, 5000][i % 4]!,
    industry: ['saas', 'agency', 'fintech', 'other'][i % 4]!,
    scoredAt: iso(at),
    events: [
      ...events(at, i % 5, 'page_view', 1, { url: '/pricing' }),
      ...events(at, (i * 3) % 9, 'feature_used', 0.5),
      ...(i % 3 === 0 ? events(at, 1, 'invite_sent', i % 10) : []),
      ...(i % 4 === 1 ? events(at, 1, 'demo_request', 2) : []),
    ],
  };
});

/** A CSV cell: quoted, quotes doubled. */
const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;

function writeHistory(): string {
  const lines = ['email,jobTitle,employees,industry,events,scored_at,converted'];
  for (const [i, t] of TRIALS.entries()) {
    const cells = [t.email, t.jobTitle, t.employees, t.industry, cell(JSON.stringify(t.events)), t.scoredAt];
    lines.push([...cells, i % 2 ? 'yes' : 'no'].join(','));
  }
  // Not JSON: this row is left out. Blank: no events list, so its events conditions are unknown.
  lines.push(`bad@acme.io,VP Sales,300,saas,${cell('[{"type":')},${iso(AT)},no`);
  lines.push(`quiet@acme.io,VP Sales,300,saas,,${iso(AT)},no`);
  const path = join(mkdtempSync(join(tmpdir(), 'qs-dist-file-')), 'plg-history.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The leads the file holds, built from the same objects rather than read back from it. */
const LEADS = [
  ...TRIALS.map((t) => ({
    lead: {
      email: t.email,
      jobTitle: t.jobTitle,
      company: { employees: t.employees, industry: t.industry },
      events: t.events,
    } as Json,
    now: t.scoredAt,
  })),
  {
    lead: { email: 'quiet@acme.io', jobTitle: 'VP Sales', company: { employees: 300, industry: 'saas' } },
    now: iso(AT),
  },
];

const stored = async (page: Page, id: string) =>
  (await (await page.request.get(`/v1/workflows/${id}`)).json()) as { workflow: Workflow & Json };

test('the distribution counts the last backtest file and moves when a rule changes; a lead over the events limit is refused plainly', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await createFromTemplate(request, 'plg-trial', 'dist-file');
  const file = writeHistory();

  // Before any file: the choice is there, and says where to load one.
  await page.goto(`/workflows/${id}`);
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await selectNode(page, 'usage');
  const dist = page.locator('.qs-distribution');
  if ((await dist.getAttribute('open')) === null) await dist.locator('> summary').click();
  const panel = page.getByTestId('distribution');
  const sources = panel.getByRole('group', { name: 'Leads counted' });
  await sources.getByRole('button', { name: 'Last backtest file' }).click();
  await expect(sources.getByRole('button', { name: 'Last backtest file' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByTestId('distribution-no-file')).toContainText('No backtest file loaded');

  // Load the file on the Backtest page: its events column feeds the lead's events, its time column is suggested.
  await page.getByTestId('distribution-no-file').getByRole('link', { name: 'Backtest' }).click();
  await expect(page).toHaveURL(`/workflows/${id}/backtest`);
  await page.getByTestId('backtest-file').setInputFiles(file);
  await expect(page.getByTestId('backtest-file-info')).toContainText('plg-history.csv');
  await expect(page.getByLabel('Lead field for column events')).toHaveValue('events');
  await expect(page.getByLabel('Lead field for column employees')).toHaveValue('company.employees');
  await expect(page.getByLabel('Outcome column: did the lead convert?')).toHaveValue('converted');

  // Back on the canvas, the panel (still on the file) counts its 13 readable rows as the runtime decides them.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Canvas' }).click();
  await selectNode(page, 'usage');
  await expect(dist.locator('> summary')).toContainText('over 13 leads');
  await expect(panel).toContainText('The draft over the 14 rows of plg-history.csv, 1 row left out');
  const routeTable = page.getByTestId('distribution-route-table');
  const before = await countThroughRuntime(request, id, (await stored(page, id)).workflow, LEADS);
  expect(Object.keys(before.routes).length).toBeGreaterThan(2);
  await expect.poll(async () => nonZero(await readCounts(routeTable), 0)).toEqual(before.routes);
  await panel.getByText('Leads per total score band').click();
  const bandTable = page.getByTestId('distribution-band-table');
  await expect.poll(async () => nonZero(await readCounts(bandTable), 0)).toEqual(before.bands);

  // No product use in 14 days no longer costs 15 points: the counts move with the rule.
  await page.locator('.qs-side-body').getByLabel('Rule 6 points').fill('0');
  await expectSaved(page);
  const after = await countThroughRuntime(request, id, (await stored(page, id)).workflow, LEADS);
  expect(after.routes).not.toEqual(before.routes);
  await expect.poll(async () => nonZero(await readCounts(routeTable), 0)).toEqual(after.routes);
  await expect.poll(async () => nonZero(await readCounts(bandTable), 0)).toEqual(after.bands);

  // The sample leads are one click away, as before.
  await sources.getByRole('button', { name: 'Sample leads' }).click();
  await expect(dist.locator('> summary')).toContainText('over 6 leads');

  // A lead over the events limit, run in the test panel, says how many, the limit and what to do.
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  const many = { ...LEADS[0]!.lead, events: events(AT, 1001, 'feature_used', 0) };
  await page.getByLabel('Lead JSON').fill(JSON.stringify(many));
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The lead carries 1,001 events; one evaluation reads at most 1,000. Send the most recent 1,000',
  );
  expect(crashes).toEqual([]);
});
