import { expect, test } from '@playwright/test';
import { compile, prepare, type Workflow } from '@qualify/rules';
import { createFromTemplate } from './api-helpers.ts';

const GRADE = { fit: { A: 40, B: 20 }, engagement: { '1': 40, '2': 20 } };
const LIMITS = { total: { floor: 0, cap: 90 } };
const NOW = '2026-11-30T12:00';
/** A senior buyer at a target company who asked for a demo: the grade the rules core gives is the one to show. */
const LEAD = {
  email: 'maria@acme.io',
  jobTitle: 'VP Sales',
  company: { employees: 200, industry: 'saas' },
  demoRequested: true,
};

test('a workflow with grade bands and score limits: the receipt shows the grade, the SLA view the bands and limits', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'grade', {
    name: 'Graded inbound',
    grade: GRADE,
    scoreLimits: LIMITS,
  });
  const { workflow } = (await (await request.get(`/v1/workflows/${id}`)).json()) as { workflow: Workflow };
  const expected = prepare(compile({ ...workflow, testCases: [] })).evaluate(LEAD, {
    now: Date.parse(`${NOW}:00Z`),
  });
  expect(expected.grade).toMatch(/^[ABC][123]$/);

  await page.goto(`/workflows/${id}`);
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Lead JSON').fill(JSON.stringify(LEAD));
  await page.getByLabel('Evaluate as of').fill(NOW);
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(page.getByTestId('receipt-score')).toHaveText(String(expected.score.total));
  await expect(page.getByTestId('receipt-grade')).toHaveText(expected.grade!);

  await page.goto(`/workflows/${id}/sla`);
  const scoring = page.getByTestId('sla-scoring');
  await expect(page.getByRole('heading', { name: 'How leads are scored' })).toBeVisible();
  await expect(scoring).toContainText('The total score is held between 0 and 90 points');
  await expect(scoring).toContainText('Leads are graded fit × engagement, A1 (best) to C3');
  expect(crashes).toEqual([]);
});

test('a workflow without grade bands or limits shows neither', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'ungraded', { name: 'Ungraded inbound' });
  await page.goto(`/workflows/${id}/sla`);
  await expect(page.getByRole('heading', { name: 'Step by step' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How leads are scored' })).toHaveCount(0);
});
