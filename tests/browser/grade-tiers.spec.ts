import { expect, test } from '@playwright/test';
import { compile, prepare, type Workflow } from '@qualify/rules';
import { dragFromPalette, expectSaved, node, selectNode } from './canvas-helpers.ts';

const GRADE = { fit: { A: 40, B: 20 }, engagement: { '1': 40, '2': 20 } };
const NOW = '2026-11-30T12:00';
const LEAD = {
  email: 'maria@acme.io',
  jobTitle: 'VP Sales',
  company: { employees: 200, industry: 'saas' },
  demoRequested: true,
};

/** The BANT template with grade bands, its MQL threshold sorting by grade: only A1 is an MQL. */
async function gradedBant(request: import('@playwright/test').APIRequestContext): Promise<Workflow> {
  const { items } = (await (await request.get('/v1/templates')).json()) as {
    items: { id: string; workflow: Workflow }[];
  };
  const template = structuredClone(items.find((t) => t.id === 'bant-inbound-saas')!.workflow);
  const tiers = template.nodes.find((n) => n.id === 'tiers')!;
  tiers.kind = 'grade';
  tiers.label = 'MQL by grade';
  tiers.data = { tiers: [{ id: 'mql', label: 'MQL', grades: ['A1'] }], elseLabel: 'Not yet' };
  const id = `grade-tiers-${Date.now()}`;
  const wf = { ...template, id, name: 'Inbound by grade', grade: GRADE, testCases: [] } as Workflow;
  const created = await request.post('/v1/workflows', { data: wf });
  expect(created.status()).toBe(201);
  return wf;
}

const decide = (wf: Workflow) => prepare(compile(wf)).evaluate(LEAD, { now: Date.parse(`${NOW}:00Z`) });

test('grade tiers: each grade picks its tier in the grid, the receipt says grade and tier, the SLA view the grades', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const wf = await gradedBant(request);
  const before = decide(wf);
  const grade = before.grade!;
  expect(grade).toMatch(/^(A[23]|[BC][123])$/);
  expect(before.path).not.toContain('stageMql');
  // What the rules core decides once the lead's grade is an MQL too.
  const moved = structuredClone(wf);
  (
    moved.nodes.find((n) => n.id === 'tiers')!.data as { tiers: { grades: string[] }[] }
  ).tiers[0]!.grades.push(grade);
  const after = decide(moved);
  expect(after.path).toContain('stageMql');

  await page.goto(`/workflows/${wf.id}`);
  await selectNode(page, 'tiers');
  await expect(node(page, 'tiers')).toContainText('MQL A1');
  const grid = page.getByTestId('grade-tiers-grid');
  await expect(grid).toContainText('fit score 40 or more');
  await expect(grid.getByLabel(`${grade} goes to`)).toHaveValue('-1');
  await grid.getByLabel(`${grade} goes to`).selectOption({ label: 'MQL' });
  await expect(node(page, 'tiers')).toContainText(`MQL A1 ${grade}`);
  const firstTier = page.locator('tr', { has: page.getByLabel('Tier 1 label') });
  await expect(firstTier.locator('td').nth(1)).toHaveText(`A1, ${grade}`);
  await expectSaved(page);

  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Lead JSON').fill(JSON.stringify(LEAD));
  await page.getByLabel('Evaluate as of').fill(NOW);
  await page.getByRole('button', { name: 'Run test lead' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(page.getByTestId('receipt-grade')).toHaveText(grade);
  const why = receipt.locator('section', { has: page.getByRole('heading', { name: 'Why' }) });
  await expect(why).toContainText(
    `MQL by grade: grade ${grade} (fit ${after.score.fit}, engagement ${after.score.engagement}) → MQL.`,
  );
  await expect(receipt).toContainText(after.route!.target);

  await page.goto(`/workflows/${wf.id}/sla`);
  await expect(
    page.getByText(`MQL by grade sorts leads by grade (fit × engagement): A1 or ${grade} is MQL`),
  ).toBeVisible();
  await expect(page.getByTestId(`outcome-${after.route!.nodeId}`)).toContainText(
    `the grade is A1 or ${grade}`,
  );
  expect(crashes).toEqual([]);
});

test('a Grade tiers step from the palette asks for grade bands and turns grading on in one click', async ({
  page,
  request,
}) => {
  const { items } = (await (await request.get('/v1/templates')).json()) as {
    items: { id: string; workflow: Workflow }[];
  };
  const template = items.find((t) => t.id === 'bant-inbound-saas')!.workflow;
  const id = `grade-palette-${Date.now()}`;
  expect((await request.post('/v1/workflows', { data: { ...template, id, testCases: [] } })).status()).toBe(
    201,
  );

  await page.goto(`/workflows/${id}`);
  const added = await dragFromPalette(page, 'grade', { x: 260, y: 420 });
  await selectNode(page, added);
  await expect(page.getByText('This workflow does not grade leads yet')).toBeVisible();
  await expect(page.getByTestId('grade-tiers-grid')).not.toContainText('fit score');
  await page.getByRole('button', { name: 'Turn grading on' }).click();
  await expect(page.getByText('This workflow does not grade leads yet')).toHaveCount(0);
  const grid = page.getByTestId('grade-tiers-grid');
  await expect(grid).toContainText('fit score 60 or more');
  // A tier added is offered in every cell; removed, its grades go back to the other grades.
  await page.getByRole('button', { name: '+ Tier' }).click();
  await expect(page.getByLabel('Tier 3 label')).toHaveValue('Tier 3');
  await grid.getByLabel('C3 goes to').selectOption({ label: 'Tier 3' });
  const third = page.locator('tr', { has: page.getByLabel('Tier 3 label') });
  await expect(third.locator('td').nth(1)).toHaveText('C3');
  await page.getByRole('button', { name: 'Remove tier Tier 3' }).click();
  await expect(page.getByLabel('Tier 3 label')).toHaveCount(0);
  await expect(grid.getByLabel('C3 goes to')).toHaveValue('-1');
  await expectSaved(page);
  const saved = (await (await request.get(`/v1/workflows/${id}`)).json()) as { workflow: Workflow };
  expect(saved.workflow.grade).toEqual({ fit: { A: 60, B: 30 }, engagement: { '1': 40, '2': 20 } });
  const step = saved.workflow.nodes.find((n) => n.id === added)!;
  expect(step.kind).toBe('grade');
  expect((step.data as { tiers: { label: string }[] }).tiers.map((t) => t.label)).toEqual([
    'Sales-ready',
    'Nurture',
  ]);
});
