import { expect, type Page, test } from '@playwright/test';
import { compile, prepare, type Workflow } from '@qualify/rules';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, selectNode } from './canvas-helpers.ts';
import { addEventsCountRule, bandName, nonZero, readCounts, ruleRows } from './score-helpers.ts';

type Lead = Record<string, unknown>;
const NOW = '2026-11-30T12:00:00Z';
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

/** `pricing` pricing-page views in the last week, two older ones and a blog view: the rule counts only the first. */
function leadWith(i: number, pricing: number): Lead {
  const events = [
    ...Array.from({ length: pricing }, (_, k) => ({
      type: 'page_view',
      url: '/pricing',
      at: daysAgo(k + 1),
    })),
    { type: 'page_view', url: '/pricing', at: daysAgo(20) },
    { type: 'page_view', url: '/pricing', at: daysAgo(30) },
    { type: 'page_view', url: '/blog', at: daysAgo(1) },
  ];
  return {
    email: `lead${i}@acme.io`,
    jobTitle: i % 2 ? 'VP Sales' : 'Analyst',
    company: { employees: 200, industry: 'saas' },
    events,
  };
}

/** Eight leads with 0 to 7 pricing views this week. */
const SAMPLE = Array.from({ length: 8 }, (_, i) => ({
  name: `Lead ${i + 1}`,
  lead: leadWith(i, i),
  now: NOW,
}));

/** Leads per total-score band, counted by the rules core over the sample, as the panel names the bands. */
function bandsOf(workflow: Workflow): Record<string, number> {
  const prepared = prepare(compile({ ...workflow, testCases: [] }));
  const bands: Record<string, number> = {};
  for (const s of SAMPLE) {
    const total = prepared.evaluate(s.lead, { now: s.now }).score.total;
    const band = bandName(Math.floor(total / 10) * 10);
    bands[band] = (bands[band] ?? 0) + 1;
  }
  return bands;
}

const stored = async (page: Page, id: string) => {
  const res = await page.request.get(`/v1/workflows/${id}`);
  expect(res.ok(), `GET /v1/workflows/${id}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as { workflow: Workflow; revision: number };
};

test('a score rule counts events: built in the condition editor, shown in the receipt, moving the distribution', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'events-scoring', { testCases: [] });
  // The sample: eight test cases, each expecting what the template does with it now.
  let record = await stored(page, id);
  const base = prepare(compile({ ...record.workflow, testCases: [] }));
  const testCases = SAMPLE.map((s, i) => {
    const d = base.evaluate(s.lead, { now: s.now });
    return { id: `lead-${i + 1}`, ...s, expect: { route: d.route?.kind ?? null, stage: d.stage } };
  });
  const put = await request.put(`/v1/workflows/${id}`, {
    data: { workflow: { ...record.workflow, testCases }, revision: record.revision },
  });
  expect(put.ok()).toBe(true);
  expect(record.workflow.events).toBeUndefined();

  await page.goto(`/workflows/${id}`);
  // The opening zoom may leave the score step off the canvas: show the whole workflow first.
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await selectNode(page, 'engagement');
  const side = page.locator('.qs-side-body');
  const rows = ruleRows(page);
  await expect(rows).toHaveCount(4);
  const { ev } = await addEventsCountRule(page, 5, 'Pricing page this week', 20);
  await expect(rows.nth(4).locator('.qs-rule-cond')).toHaveText(
    'at least 3 events where Event type is Page view in the last 7 days',
  );
  // One undo takes the events count back (and the event properties it brought); redo brings both.
  const savedEvents = async () => (await stored(page, id)).workflow.events?.properties.length ?? 0;
  await expect.poll(savedEvents).toBe(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(ev).toHaveCount(0);
  await expect.poll(savedEvents).toBe(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(ev).toBeVisible();

  await ev.getByLabel('Event property').selectOption('url');
  await ev.getByLabel('Operator').selectOption('contains');
  await ev.getByLabel('Page: value').fill('/pricing');
  await ev.getByLabel('Count how').selectOption('lte');
  await ev.getByLabel('Count how').selectOption('gte');
  await ev.getByLabel('Number of events').fill('3');
  await ev.getByLabel('When').selectOption('any');
  await expect(ev.getByLabel('Days')).toHaveCount(0);
  await ev.getByLabel('When').selectOption('within');
  await ev.getByLabel('Days').fill('7');
  await expect(rows.nth(4).locator('.qs-rule-cond')).toHaveText(
    'at least 3 events where Page contains /pricing in the last 7 days',
  );
  await expectSaved(page);
  record = await stored(page, id);
  const rule = record.workflow.nodes.find((n) => n.id === 'engagement')!.data as {
    rules: { label: string; points: number; condition: unknown }[];
  };
  expect(rule.rules[4]).toMatchObject({
    label: 'Pricing page this week',
    points: 20,
    condition: {
      type: 'group',
      match: 'all',
      conditions: [
        {
          type: 'events',
          where: { type: 'compare', field: 'url', op: 'contains', value: '/pricing' },
          withinDays: 7,
          count: { op: 'gte', value: 3 },
        },
      ],
    },
  });
  // The first events count wrote the event properties into the workflow, so it validates.
  expect(record.workflow.events?.properties.map((p) => p.path)).toEqual(['type', 'url']);

  // The distribution (open by default) counts the sample as the rules core does, and moves with the points.
  await expect(page.locator('.qs-distribution > summary')).toContainText('over 8 leads');
  const details8 = page.locator('.qs-distribution');
  if ((await details8.getAttribute('open')) === null) await details8.locator('summary').click();
  const panel = page.getByTestId('distribution');
  await panel.getByText('Leads per total score band').click();
  const bandTable = page.getByTestId('distribution-band-table');
  const first = bandsOf(record.workflow);
  await expect.poll(async () => nonZero(await readCounts(bandTable), 0)).toEqual(first);
  await side.getByLabel('Rule 5 points').fill('45');
  await expectSaved(page);
  record = await stored(page, id);
  const second = bandsOf(record.workflow);
  expect(second).not.toEqual(first);
  await expect.poll(async () => nonZero(await readCounts(bandTable), 0)).toEqual(second);
  await side.getByLabel('Rule 5 points').fill('20');
  await expectSaved(page);

  // The test panel: three pricing views this week earn the rule's 20 points, and the receipt says so.
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Lead JSON').fill(JSON.stringify(leadWith(1, 3)));
  await page.getByLabel('Evaluate as of').fill('2026-11-30T12:00');
  await page.getByRole('button', { name: 'Run test lead' }).click();
  const receipt = page.getByTestId('receipt');
  const contribution = receipt
    .getByRole('table', { name: 'Score contributions' })
    .locator('tr', { hasText: 'Pricing page this week' });
  await expect(contribution).toHaveCount(1);
  await expect(contribution.locator('td').last()).toHaveText('+20');
  await expect(receipt.getByTestId('receipt-events').locator('li')).toHaveText([
    'Pricing page this week: 3 events counted (at least 3 events where Page contains /pricing in the last 7 days)',
  ]);
  expect(crashes).toEqual([]);
});
