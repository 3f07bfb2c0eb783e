import { expect, test } from '@playwright/test';
import { compile, prepare } from '@qualify/rules';
import { createFromTemplate } from './api-helpers.ts';

type Lead = Record<string, unknown>;

/** The example's sample leads, varied in size and pricing-page views, with no date so "now" does not matter. */
function leadsFrom(samples: { lead: Lead }[]): Lead[] {
  return Array.from({ length: 60 }, (_, i) => {
    const base = structuredClone(samples[i % samples.length]!.lead) as Lead & {
      company?: Lead;
      activity?: Lead;
    };
    base.company = { ...base.company, employees: 5 + ((i * 37) % 400) };
    base.activity = { ...base.activity, pricingViews: i % 6 };
    delete base.activity.lastVisit;
    return base;
  });
}

test("a draft's change measured on a file of the team's own leads, recounted lead by lead", async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'file-impact', {
    name: 'File impact check',
  });
  expect((await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'v1' } })).status()).toBe(201);

  // The draft raises the MQL threshold from 40 to 60 (its test cases still pass or not: no publish here).
  const record = (await (await request.get(`/v1/workflows/${id}`)).json()) as {
    revision: number;
    workflow: { nodes: { id: string; data: { tiers?: { min: number }[] } }[] };
  };
  const live = structuredClone(record.workflow);
  const draft = structuredClone(record.workflow);
  draft.nodes.find((n) => n.id === 'tiers')!.data.tiers![0]!.min = 60;
  const saved = await request.put(`/v1/workflows/${id}`, {
    data: { revision: record.revision, workflow: draft },
  });
  expect(saved.status()).toBe(200);

  const templates = (await (await request.get('/v1/templates')).json()) as {
    items: { id: string; leads: { lead: Lead }[] }[];
  };
  const leads = leadsFrom(templates.items.find((t) => t.id === 'bant-inbound-saas')!.leads);
  // The recount: every lead decided by both documents here, route changes counted by hand.
  const now = Date.now();
  const before = prepare(compile({ ...live, testCases: [] }));
  const after = prepare(compile({ ...draft, testCases: [] }));
  const routeOf = (p: typeof before, lead: Lead) => {
    const r = p.evaluate(lead, { now }).route;
    return r ? `${r.kind}:${r.target}` : 'none';
  };
  const moved = leads.filter((l) => routeOf(before, l) !== routeOf(after, l)).length;
  expect(moved).toBeGreaterThan(0);
  const file = `${leads.map((l) => JSON.stringify(l)).join('\n')}\nnot a lead\n`;

  await page.goto(`/workflows/${id}`);
  await page.getByRole('tab', { name: 'Review' }).click();
  await expect(page.getByTestId('impact-sentence')).toBeVisible();
  await page.getByTestId('impact-file').setInputFiles({
    name: 'our-leads.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(file),
  });
  const measured = page.getByRole('region', { name: 'Impact on 60 leads from our-leads.ndjson' });
  await expect(measured).toBeVisible();
  await expect(page.getByTestId('file-impact-sentence')).toHaveText(
    new RegExp(`^${moved} of 60 leads? changes? route`),
  );
  await expect(measured.getByRole('list', { name: 'Route moves' })).toContainText('Nurture');
  await expect(page.getByTestId('impact-skipped')).toContainText('1 line could not be read:');
  await expect(page.getByTestId('impact-skipped')).toContainText('Line 61:');

  // Lines the runtime cannot read are named with the reason, in words (here: not UTF-8).
  await page.getByTestId('impact-file').setInputFiles({
    name: 'latin1.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0x6a, 0xf6, 0x72, 0x67, 0x0a]),
  });
  await expect(page.getByRole('region', { name: 'Impact on 0 leads from latin1.csv' })).toBeVisible();
  await expect(page.getByTestId('impact-skipped')).toContainText(/Line 2: .*UTF-8/);

  // A file the runtime refuses says why, in words: more leads than an impact reads.
  await page.getByTestId('impact-file').setInputFiles({
    name: 'everyone.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from('{}\n'.repeat(100_001)),
  });
  await expect(page.getByRole('alert')).toContainText('more than 100,000 leads');
  expect(crashes).toEqual([]);
});
