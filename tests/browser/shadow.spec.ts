import { type APIRequestContext, expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';

type Workflow = { nodes: { id: string; data: Record<string, unknown> }[] } & Record<string, unknown>;

/** The workflow with its MQL threshold set to `min`. */
const withThreshold = (w: Workflow, min: number): Workflow => ({
  ...w,
  nodes: w.nodes.map((n) =>
    n.id === 'tiers' ? { ...n, data: { ...n.data, tiers: [{ id: 'mql', label: 'MQL', min }] } } : n,
  ),
});

async function publish(request: APIRequestContext, id: string, workflow: Workflow, note: string) {
  const record = await (await request.get(`/v1/workflows/${id}`)).json();
  const saved = await request.put(`/v1/workflows/${id}`, { data: { workflow, revision: record.revision } });
  expect(saved.status()).toBe(200);
  const res = await request.post(`/v1/workflows/${id}/publish`, {
    data: { note, revision: (await saved.json()).revision },
  });
  expect(res.status()).toBe(201);
}

/** "Sales (Inbound SDR)", "Nurture (Newsletter)": how a route reads in the report. */
const routeLabel = (d: { route: { kind: string; target: string } | null }) =>
  d.route ? `${d.route.kind[0]?.toUpperCase()}${d.route.kind.slice(1)} (${d.route.target})` : 'No route';

/** A workflow whose version 1 hands hot leads to sales, and whose live version 2 has an MQL threshold out of reach. */
async function twoVersions(request: APIRequestContext, prefix: string): Promise<string> {
  const id = await createFromTemplate(request, 'bant-inbound-saas', prefix, { testCases: [] });
  const base = (await (await request.get(`/v1/workflows/${id}`)).json()).workflow as Workflow;
  await publish(request, id, withThreshold(base, 40), 'MQL at 40');
  await publish(request, id, withThreshold(base, 200), 'MQL at 200');
  return id;
}

test('a shadow run: start version 1 beside live version 2, evaluate leads, the report counts as a recount does, stop', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await twoVersions(request, 'shadow');

  await page.goto(`/workflows/${id}`);
  await page.getByRole('link', { name: 'Shadow run' }).click();
  await expect(page).toHaveURL(`/workflows/${id}/shadow`);
  await expect(page.getByText('No challenger is running.')).toBeVisible();
  await page.getByLabel('Challenger').selectOption({ label: 'Version 1: MQL at 40' });
  await page.getByRole('button', { name: 'Start shadow run' }).click();
  await expect(page.getByTestId('challenger')).toContainText(
    'Version 1 runs in the shadow of live version 2',
  );
  await expect(page.getByTestId('shadow-empty')).toContainText('No live evaluation in this period yet');

  // Live traffic: every sample lead, evaluated by the live version through the API.
  const { items } = await (await request.get('/v1/templates')).json();
  const samples = items.find((t: { id: string }) => t.id === 'bant-inbound-saas').leads as {
    name: string;
    now?: string;
    lead: Record<string, unknown>;
  }[];
  for (const s of samples) {
    const res = await request.post(`/v1/workflows/${id}/evaluate`, { data: { lead: s.lead, now: s.now } });
    expect(res.status()).toBe(200);
  }

  // The recount: each lead through both versions' documents, with no side effect.
  const v1 = (await (await request.get(`/v1/workflows/${id}/versions/1`)).json()).workflow;
  const v2 = (await (await request.get(`/v1/workflows/${id}/versions/2`)).json()).workflow;
  const moves = new Map<string, number>();
  for (const s of samples) {
    const [live, challenger] = await Promise.all(
      [v2, v1].map(async (workflow) =>
        (
          await request.post(`/v1/workflows/${id}/draft/evaluate`, {
            data: { lead: s.lead, now: s.now, workflow },
          })
        ).json(),
      ),
    );
    const key = `${routeLabel(live)} → ${routeLabel(challenger)}`;
    if (key.split(' → ')[0] !== key.split(' → ')[1]) moves.set(key, (moves.get(key) ?? 0) + 1);
  }
  expect(moves.size).toBeGreaterThan(0);

  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return page
        .getByTestId('shadow-evaluations')
        .textContent({ timeout: 1000 })
        .catch(() => null);
    })
    .toBe(String(samples.length));
  const table = page.getByTestId('shadow-route-moves');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(moves.size);
  for (const [key, count] of moves) {
    const [from, to] = key.split(' → ');
    const row = rows.filter({ hasText: from! }).filter({ hasText: to! });
    await expect(row.locator('td.qs-num')).toHaveText(String(count));
  }
  const moved = [...moves.values()].reduce((a, b) => a + b, 0);
  await expect(page.getByTestId('shadow-agreement')).toHaveText(
    `${(((samples.length - moved) / samples.length) * 100).toFixed(1)}%`,
  );
  await expect(page.getByTestId('shadow-scores').locator('.recharts-bar-rectangle').first()).toBeVisible();

  // Stop: the page offers to start one again, and keeps the last run's report.
  await page.getByRole('button', { name: 'Stop the shadow run' }).click();
  await expect(page.getByText('No challenger is running.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Report of the last run: Version 1' })).toBeVisible();
  await expect(page.getByText(/Stopped by local/)).toBeVisible();
  await expect(page.getByTestId('shadow-evaluations')).toHaveText(String(samples.length));
  expect((await (await request.get(`/v1/workflows/${id}/challenger`)).json()).challenger).toBeNull();
  expect(crashes).toEqual([]);
});

test('promoting the challenger makes it the draft and proposes it for review', async ({ page, request }) => {
  const id = await twoVersions(request, 'promote');
  const started = await request.put(`/v1/workflows/${id}/challenger`, { data: { version: 1 } });
  expect(started.status()).toBe(200);
  await page.goto(`/workflows/${id}/shadow`);
  await page.getByRole('button', { name: 'Promote…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Promote Version 1' });
  await expect(dialog.getByLabel('Note')).toHaveValue(/Promoted from the shadow run of Version 1/);
  await dialog.getByRole('button', { name: 'Make it the draft and propose' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 is now the draft' })).toBeVisible();
  const draft = (await (await request.get(`/v1/workflows/${id}`)).json()).workflow as Workflow;
  expect(draft.nodes.find((n) => n.id === 'tiers')?.data.tiers).toEqual([
    { id: 'mql', label: 'MQL', min: 40 },
  ]);
  const { items } = await (await request.get(`/v1/workflows/${id}/proposals`)).json();
  expect(items[0]).toMatchObject({
    status: 'open',
    note: expect.stringContaining('shadow run of Version 1'),
  });
});
