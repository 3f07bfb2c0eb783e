import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';

type Json = Record<string, unknown>;
interface Decision {
  route: { kind: 'sales' | 'nurture' | 'disqualify'; nodeId: string } | null;
  score: { total: number; fit: number; engagement: number };
  stage: string;
}

/** The rows of the score step's rules table, in order. */
export const ruleRows = (page: Page): Locator =>
  page.getByTestId('score-rules').locator('tbody > tr[data-rule-id]');

/**
 * Adds a rule to the selected score step (its `n`th) with a label, points and a new events count in its
 * details; returns the rule's condition cell and the events condition's form.
 */
export async function addEventsCountRule(
  page: Page,
  n: number,
  label: string,
  points: number,
): Promise<{ cond: Locator; ev: Locator }> {
  const side = page.locator('.qs-side-body');
  const rows = ruleRows(page);
  await side.getByRole('button', { name: '+ Rule' }).click();
  await expect(rows).toHaveCount(n);
  await side.getByLabel(`Rule ${n} label`).fill(label);
  await side.getByLabel(`Rule ${n} points`).fill(String(points));
  // A new rule opens its details; open them if not.
  const cond = rows.nth(n - 1).locator('.qs-rule-cond');
  if ((await cond.getAttribute('aria-expanded')) !== 'true') await cond.click();
  const details = page.getByTestId('rule-details');
  await details.getByRole('button', { name: '+ Events count' }).click();
  const ev = details.getByTestId('events-condition');
  await expect(ev).toBeVisible();
  return { cond, ev };
}

/** The labels of the rules, in table order. */
export const ruleLabels = (page: Page): Promise<string[]> =>
  ruleRows(page).evaluateAll((rows) => rows.map((r) => (r.querySelector('input') as HTMLInputElement).value));

const ROUTE_NAMES = { sales: 'Sales', nurture: 'Nurture', disqualify: 'Disqualify' } as const;
const minus = (n: number) => (n < 0 ? `−${-n}` : String(n));
/** A score band as the backtest and the distribution name it: "40–50", "−10 to 0". */
export const bandName = (from: number) =>
  from < 0 ? `${minus(from)} to ${minus(from + 10)}` : `${from}–${from + 10}`;

/** Counts, by evaluating each lead through the runtime's draft API, leads per route label and per total-score band. */
export async function countThroughRuntime(
  request: APIRequestContext,
  id: string,
  workflow: Json & { nodes: { id: string; label: string }[] },
  leads: { lead: Json; now: string }[],
): Promise<{ routes: Record<string, number>; bands: Record<string, number>; decisions: Decision[] }> {
  const labels = new Map(workflow.nodes.map((n) => [n.id, n.label]));
  const routes: Record<string, number> = {};
  const bands: Record<string, number> = {};
  const decisions: Decision[] = [];
  for (const l of leads) {
    const res = await request.post(`/v1/workflows/${id}/draft/evaluate`, {
      data: { workflow, lead: l.lead, now: l.now },
    });
    expect(res.ok()).toBe(true);
    const d = (await res.json()) as Decision;
    decisions.push(d);
    // Named as the panel names a route step: its label, with its kind unless the label says it.
    const label = d.route ? labels.get(d.route.nodeId)! : '';
    const kind = d.route ? ROUTE_NAMES[d.route.kind] : '';
    const route = !d.route
      ? 'No route'
      : label.toLowerCase().includes(kind.toLowerCase())
        ? label
        : `${label} (${kind})`;
    routes[route] = (routes[route] ?? 0) + 1;
    const band = bandName(Math.floor(d.score.total / 10) * 10);
    bands[band] = (bands[band] ?? 0) + 1;
  }
  return { routes, bands, decisions };
}

/**
 * A table of the distribution panel as `{ row label: [draft, live?] }` (a draft cell reads "12 (+3)": its
 * leading number is the count).
 */
export async function readCounts(table: Locator): Promise<Record<string, number[]>> {
  const rows = await table
    .locator('tbody > tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent ?? '',
        ...[...tr.querySelectorAll('td')].map((td) => Number.parseInt(td.textContent ?? '', 10)),
      ]),
    );
  return Object.fromEntries(rows.map(([label, ...n]) => [label as string, n as number[]]));
}

/** Only the rows with leads in the draft (column 0) or, with `live`, in either. */
export const nonZero = (counts: Record<string, number[]>, col: number) =>
  Object.fromEntries(Object.entries(counts).flatMap(([k, v]) => (v[col] ? [[k, v[col]]] : [])));

/** Forty leads that spread over the example's routes: titles, sizes, industries, mail, demo, pricing views, visits. */
export function spreadLeads(now: string): { lead: Json; now: string; name: string }[] {
  const titles = ['VP Sales', 'Marketing manager', 'CEO', 'Analyst', undefined];
  const sizes = [4, 80, 400, 5000];
  const industries = ['saas', 'education', 'fintech'];
  const authority = ['decision_maker', 'influencer', 'user'];
  const needs = ['high', 'medium', 'low'];
  const out: { lead: Json; now: string; name: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const lead: Json = {
      email: `lead${i}@${i % 4 === 0 ? 'gmail.com' : 'acme.io'}`,
      company: { employees: sizes[i % 4], industry: industries[i % 3] },
      budget: (i % 5) * 6000,
      authority: authority[i % 3],
      need: needs[(i >> 1) % 3],
      timeline: i % 2 ? 'this_quarter' : 'later',
      activity: {
        lastVisit: new Date(Date.parse(now) - (i % 20) * 86_400_000).toISOString(),
        pricingViews: i % 6,
        demoRequested: i % 3 === 0,
        trialStarted: i % 7 === 0,
      },
    };
    const title = titles[i % 5];
    if (title) lead.jobTitle = title;
    out.push({ lead, now, name: `Lead ${i + 1}` });
  }
  return out;
}
