import { expect, type Page, test } from '@playwright/test';
import {
  compile,
  DEFAULT_GRADE,
  type Decision,
  gradeLetterText,
  gradeText,
  prepare,
  type Workflow,
} from '@qualify/rules';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, selectNode } from './canvas-helpers.ts';
import { addEventsCountRule } from './score-helpers.ts';

const NOW = '2026-03-02T09:00';
/** The template's hot lead: fit 45 (senior, size, industry) and engagement 55 (demo, pricing, recent visit). */
const HOT = {
  email: 'ann@acme.io',
  jobTitle: 'VP Sales',
  company: { employees: 250, industry: 'saas' },
  activity: { lastVisit: '2026-03-01T15:00:00Z', pricingViews: 4, demoRequested: true },
};
/** A quiet free-mail consultant: negative fit, no engagement. */
const QUIET = { email: 'bob@gmail.com', jobTitle: 'Consultant' };

const stored = async (page: Page, id: string) =>
  ((await (await page.request.get(`/v1/workflows/${id}`)).json()) as { workflow: Workflow }).workflow;

/** The decision the rules core makes for a lead on the workflow as the runtime stored it. */
async function expected(page: Page, id: string, lead: unknown): Promise<Decision> {
  const wf = await stored(page, id);
  return prepare(compile({ ...wf, testCases: [] })).evaluate(lead, { now: Date.parse(`${NOW}:00Z`) });
}

/** Runs a lead in the Test tab and waits for its receipt. */
async function runLead(page: Page, lead: unknown) {
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Lead JSON').fill(JSON.stringify(lead));
  await page.getByLabel('Evaluate as of').fill(NOW);
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
}

const openScoring = (page: Page) => page.getByRole('tab', { name: 'Scoring', exact: true }).click();

async function open(page: Page, id: string) {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await page.goto(`/workflows/${id}`);
  await expect(page.locator('.react-flow__node[data-id="start"]')).toBeVisible();
  return crashes;
}

test('grading turned on and a band moved: the receipt grade follows, undo restores the band, bad bands are problems', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'grading');
  const crashes = await open(page, id);
  await openScoring(page);
  const grid = page.getByTestId('grade-grid');
  await expect(grid).toHaveCount(0);
  await page.getByRole('checkbox', { name: /^Grade leads fit × engagement/ }).check();
  // The grid says what each grade means, in the rules core's words for the default bands.
  await expect(grid).toBeVisible();
  await expect(grid.locator('tbody th').first()).toContainText(gradeLetterText(DEFAULT_GRADE, 'A'));
  await expect(grid.locator('[title]', { hasText: 'B2' })).toHaveAttribute(
    'title',
    gradeText(DEFAULT_GRADE, 'B2'),
  );
  await expectSaved(page);
  expect((await stored(page, id)).grade).toEqual(DEFAULT_GRADE);

  await runLead(page, HOT);
  const first = (await expected(page, id, HOT)).grade!;
  await expect(page.getByTestId('receipt-grade')).toHaveText(first);

  // A lower A band makes the same lead an A.
  await openScoring(page);
  const bandA = page.getByLabel('A: fit score at least');
  await bandA.fill('40');
  await expect(grid.locator('tbody th').first()).toContainText('fit score 40 or more');
  await expectSaved(page);
  expect((await stored(page, id)).grade?.fit.A).toBe(40);
  await runLead(page, HOT);
  const second = (await expected(page, id, HOT)).grade!;
  expect(second).not.toBe(first);
  await expect(page.getByTestId('receipt-grade')).toHaveText(second);

  // Undo brings the band back, in the form and in the stored draft.
  await openScoring(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(bandA).toHaveValue(String(DEFAULT_GRADE.fit.A));
  await expect.poll(async () => (await stored(page, id)).grade?.fit.A).toBe(DEFAULT_GRADE.fit.A);

  // B above A: the rules core's problem, listed under Problems, leads back to the Scoring tab.
  await page.getByLabel('B: fit score at least').fill('70');
  await page.getByRole('tab', { name: 'Problems' }).click();
  const problem = page.locator('.qs-problem', { hasText: 'Grade band B (fit 70+) must be lower than A' });
  await expect(problem).toContainText('Scoring settings');
  await problem.click();
  await expect(page.getByRole('tab', { name: 'Scoring', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByLabel('Problems in the scoring settings')).toContainText('must be lower than A');
  expect(crashes).toEqual([]);
});

test('a total cap holds the receipt total and says so; emptied, the limit is gone', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'total-cap');
  const crashes = await open(page, id);
  const uncapped = (await expected(page, id, HOT)).score.total;
  const cap = uncapped - 20;
  await openScoring(page);
  await page.getByLabel('Total score cap').fill(String(cap));
  await expectSaved(page);
  expect((await stored(page, id)).scoreLimits).toEqual({ total: { floor: null, cap } });

  await runLead(page, HOT);
  expect((await expected(page, id, HOT)).score.total).toBe(cap);
  await expect(page.getByTestId('receipt-score')).toHaveText(String(cap));
  const held = page.getByTestId('receipt-total-limit');
  await expect(held).toHaveCount(1);
  await expect(held.locator('td')).toHaveText([
    `Total capped at ${cap} points`,
    'workflow limit, after Engagement score',
    '-20',
  ]);

  await openScoring(page);
  await page.getByLabel('Total score cap').fill('');
  await expectSaved(page);
  expect((await stored(page, id)).scoreLimits).toBeUndefined();
  expect(crashes).toEqual([]);
});

test('an event property added under Scoring is offered to an events count, and a rename carries the count along', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'event-props');
  const crashes = await open(page, id);
  await openScoring(page);
  await page.getByRole('button', { name: 'Start with the usual properties' }).click();
  const cards = page.locator('.qs-event-property-card');
  await expect(cards).toHaveCount(2);
  await page.getByRole('button', { name: '+ Event property' }).click();
  await expect(cards).toHaveCount(3);
  await page.getByLabel('Event property 3 label').fill('Campaign');
  await page.getByLabel('Event property 3 path').fill('campaign');
  await page.getByLabel('Event property 3 type').selectOption('enum');
  await page.getByLabel('Event property 3 values, comma separated').fill('spring_launch, autumn');
  await expectSaved(page);
  expect((await stored(page, id)).events?.properties.map((p) => p.path)).toEqual(['type', 'url', 'campaign']);

  // A score rule counting events of the campaign.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await selectNode(page, 'engagement');
  const { cond, ev } = await addEventsCountRule(page, 5, 'Spring campaign', 10);
  await ev.getByLabel('Event property').selectOption({ label: 'Campaign' });
  await ev.getByLabel('Campaign: value').selectOption('spring_launch');
  await expect(cond).toHaveText('at least 3 events where Campaign is Spring launch in the last 7 days');

  const at = (d: number) => new Date(Date.parse(`${NOW}:00Z`) - d * 86_400_000).toISOString();
  const lead = {
    ...QUIET,
    events: [1, 2, 3].map((d) => ({ type: 'page_view', campaign: 'spring_launch', at: at(d) })),
  };
  await expectSaved(page);
  await runLead(page, lead);
  await expect(page.getByTestId('receipt-events').locator('li')).toHaveText([
    'Spring campaign: 3 events counted (at least 3 events where Campaign is Spring launch in the last 7 days)',
  ]);

  // Renaming the property's path under Scoring moves the count with it: no unknown property.
  await openScoring(page);
  await page.getByLabel('Event property 3 path').fill('utmCampaign');
  await expectSaved(page);
  const renamed = await stored(page, id);
  expect(JSON.stringify(renamed.nodes)).toContain('"field":"utmCampaign"');
  expect(JSON.stringify(renamed.nodes)).not.toContain('"field":"campaign"');
  await expect(page.getByTestId('problem-count')).toHaveCount(0);
  expect(crashes).toEqual([]);
});

test('a signal check on "Grade is A1 or A2" sends a top lead its own way', async ({ page, request }) => {
  // The template with a blank signal check after the scores: yes to a fast track, no on to the tiers.
  const base = (await (await request.get('/v1/templates')).json()).items.find(
    (t: { id: string }) => t.id === 'bant-inbound-saas',
  ).workflow as Workflow;
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'grade-branch', {
    nodes: [
      ...base.nodes,
      {
        id: 'top',
        kind: 'condition',
        label: 'Top grades',
        position: { x: 1335, y: 60 },
        data: { condition: { type: 'group', match: 'all', conditions: [] } },
      },
      {
        id: 'fast',
        kind: 'route',
        label: 'Fast track',
        position: { x: 1782, y: 60 },
        data: { to: 'nurture', track: 'Fast track' },
      },
    ],
    edges: [
      ...base.edges.filter((e) => !(e.from === 'engagement' && e.to === 'tiers')),
      { id: 'e-engagement-top', from: 'engagement', port: 'next', to: 'top' },
      { id: 'e-top-yes', from: 'top', port: 'true', to: 'fast' },
      { id: 'e-top-no', from: 'top', port: 'false', to: 'tiers' },
    ],
  });
  const crashes = await open(page, id);
  await selectNode(page, 'top');
  const side = page.locator('.qs-side-body');
  // No grade to test while the workflow does not grade.
  await expect(side.getByRole('button', { name: '+ Events count' })).toBeVisible();
  await expect(side.getByRole('button', { name: '+ Grade' })).toHaveCount(0);

  await openScoring(page);
  await page.getByRole('checkbox', { name: /^Grade leads fit × engagement/ }).check();
  await page.getByLabel('A: fit score at least').fill('40');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await side.getByRole('button', { name: '+ Grade' }).click();
  const grade = side.getByTestId('grade-condition');
  await expect(grade.getByRole('checkbox', { name: 'A1' })).toBeChecked();
  await grade.getByRole('checkbox', { name: 'A2' }).check();
  await expect(grade.locator('legend')).toHaveText(/^The grade is A1 or A2/);
  await expect(page.locator('.react-flow__node[data-id="top"]')).toContainText('the grade is A1 or A2');
  await expectSaved(page);
  const top = (await stored(page, id)).nodes.find((n) => n.id === 'top')!;
  expect(top.data).toEqual({
    condition: { type: 'group', match: 'all', conditions: [{ type: 'grade', grades: ['A1', 'A2'] }] },
  });

  // The hot lead grades A1 at that point of the path and takes the yes exit; the quiet one does not.
  expect((await expected(page, id, HOT)).route?.target).toBe('Fast track');
  await runLead(page, HOT);
  await expect(page.getByTestId('receipt-route')).toHaveText('Nurture: Fast track');
  const quiet = await expected(page, id, QUIET);
  expect(quiet.route?.target).not.toBe('Fast track');
  await runLead(page, QUIET);
  await expect(page.getByTestId('receipt-route')).toHaveText(`Nurture: ${quiet.route!.target}`);

  // Grading off: the condition says the workflow has no grade and offers to turn grading back on.
  await openScoring(page);
  await page.getByRole('checkbox', { name: /^Grade leads fit × engagement/ }).uncheck();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await selectNode(page, 'top');
  await expect(grade.getByRole('status')).toContainText('This workflow does not grade leads yet');
  await grade.getByRole('button', { name: 'Turn grading on' }).click();
  await expect(grade.getByRole('status')).toHaveCount(0);
  await expectSaved(page);
  expect((await stored(page, id)).grade).toEqual(DEFAULT_GRADE);
  expect(crashes).toEqual([]);
});
