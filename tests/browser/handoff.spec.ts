// Issue 10's "Done when", end to end against the real runtime and the built studio: a team made on the
// Team page, a sales route assigned to a pool in the route form, a webhook subscription made on the
// Deliveries page to a receiver this test runs on loopback; the test panel previews the owner and the
// working-hours due time of a Friday-evening lead, the live API assigns it, the receiver gets the signed
// `assigned` event, then `sla.breached` and the escalation (nobody made contact), and a lower re-evaluation
// keeps the stage.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { expectSaved, selectNode } from './canvas-helpers.ts';
import { bantWithLeadId } from './handoff-helpers.ts';

// The "Evaluate as of" input is local time: the team's own zone, so 18:30 there is 18:30 in Berlin.
test.use({ timezoneId: 'Europe/Berlin' });

type Verify = (header: unknown, rawBody: string, secret: string) => boolean;

/** The signature check exactly as docs/webhooks.md gives it, pasted into a module and imported. */
async function docsVerifier(): Promise<Verify> {
  const doc = readFileSync('docs/webhooks.md', 'utf8');
  const block = [...doc.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes('export function verifyQualifySignature'));
  if (!block) throw new Error('docs/webhooks.md has no verifyQualifySignature recipe');
  const file = join(tmpdir(), `verify-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, block);
  return (await import(pathToFileURL(file).href)).verifyQualifySignature as Verify;
}

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  event: { type: string; leadId: string; sequence: number; data: Record<string, unknown> };
}

/** A real receiver on a free loopback port: answers 200 and keeps every raw body. */
async function receiver() {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, raw, event: JSON.parse(raw) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/qualify`,
    got,
    close: () => new Promise((r) => server.close(r)),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A Friday at least a week back (its Monday and the escalation after it are past on any date), as the
 * test panel's local input and as an instant with Berlin's offset that day.
 */
function lastWeeksFriday() {
  const d = new Date(Date.now() - 7 * 86_400_000);
  while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() - 1);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  const monday = new Date(d.getTime() + 3 * 86_400_000).getUTCDate();
  return { input: `${date}T18:30`, iso: `${date}T18:30:00${offset}`, monday, dayBefore: `${date}T10:00:00Z` };
}

async function runTestLead(page: Page, lead: Record<string, unknown>, at: string) {
  await page.getByLabel('Lead JSON').fill(JSON.stringify(lead));
  await page.getByLabel('Evaluate as of').fill(at);
  const answer = page.waitForResponse((r) => r.url().endsWith('/draft/evaluate'));
  await page.getByRole('button', { name: 'Run test lead' }).click();
  return (await answer).json();
}

test('a Friday-evening lead: previewed owner and Monday due time, assigned live, signed events, breach and escalation', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const hook = await receiver();
  const verify = await docsVerifier();
  const suffix = Date.now().toString(36);
  const poolName = `EMEA AEs ${suffix}`;
  const poolId = `emea-aes-${suffix}`;
  const friday = lastWeeksFriday();
  try {
    // The team: EMEA made on the Team page (Mon–Fri 09:00–17:00 in Berlin), APAC through the API.
    await page.goto('/team');
    await page.getByRole('button', { name: 'New pool' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New pool' });
    await dialog.getByLabel('Pool name').fill(poolName);
    await dialog.getByLabel('Pool time zone').fill('Europe/Berlin');
    await dialog.getByLabel('Pool day starts').fill('09:00');
    await dialog.getByLabel('Pool day ends').fill('17:00');
    await dialog.getByLabel('Manager e-mail').fill('mia@example.com');
    await dialog.getByLabel('Rep 1 name').fill('Ann Archer');
    await dialog.getByLabel('Ann Archer e-mail').fill('ann@example.com');
    await dialog.getByLabel('Ann Archer CRM user id').fill(`u-ann-${suffix}`);
    await dialog.getByRole('button', { name: 'Add a rep' }).click();
    await dialog.getByLabel('Rep 2 name').fill('Bob Baker');
    await dialog.getByLabel('Bob Baker e-mail').fill('bob@example.com');
    await dialog.getByLabel('Bob Baker CRM user id').fill(`u-bob-${suffix}`);
    await dialog.getByRole('button', { name: 'Create pool' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('pool-row').filter({ hasText: poolName })).toContainText(
      'Mon–Fri 09:00–17:00, Europe/Berlin',
    );
    const apac = await request.put(`/v1/team/pools/apac-${suffix}`, {
      data: {
        name: `APAC AEs ${suffix}`,
        schedule: {
          timeZone: 'Asia/Tokyo',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '09:00',
          end: '18:00',
        },
        reps: [{ id: `u-kai-${suffix}`, name: 'Kai', email: 'kai@example.com' }],
      },
    });
    expect(apac.status(), await apac.text()).toBe(201);

    // Webhooks for the hand-off's events, made on the Deliveries page; the secret is shown once.
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('button', { name: 'New subscription' }).click();
    const sub = page.getByRole('dialog', { name: 'New subscription' });
    await sub.getByLabel('URL').fill(hook.url);
    for (const [label, on] of [
      ['Decision made', false],
      ['Stage changed', false],
      ['Owner assigned', true],
      ['SLA due soon', false],
      ['SLA breached', true],
      ['Escalated', true],
    ] as const) {
      await sub.getByLabel(label).setChecked(on);
    }
    await sub.getByLabel('Description').fill('Hand-off browser test');
    await sub.getByLabel('Description').press('Enter');
    const secretDialog = page.getByRole('dialog', { name: 'Copy the signing secret' });
    const secret = await secretDialog.getByTestId('subscription-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();

    // The sales route assigned to the pool in the route form, with an escalation step; published.
    const id = await bantWithLeadId(request, 'handoff');
    await page.goto(`/workflows/${id}`);
    await selectNode(page, 'toSales');
    const inspector = page.locator('.qs-side-body');
    await inspector
      .getByLabel('Pool', { exact: true })
      .selectOption({ label: `${poolName} (2 active reps)` });
    await expect(inspector.getByTestId('pool-hours')).toContainText('Mon–Fri 09:00–17:00, Europe/Berlin');
    await inspector.getByLabel('Pick the rep').selectOption('turn');
    await inspector.getByRole('button', { name: 'Add a step' }).click();
    await expectSaved(page);
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('What changed, and why').fill('Sales leads go to EMEA AEs');
    await page.getByRole('button', { name: 'Publish and make live' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The test panel previews the hand-off of a lead evaluated as of Friday 18:30: due Monday 13:00.
    const leadId = `dee-${suffix}@acme.io`;
    const lead = {
      email: leadId,
      jobTitle: 'VP Sales',
      company: { employees: 250, industry: 'saas' },
      budget: 20000,
      authority: 'decision_maker',
      need: 'high',
      timeline: 'this_quarter',
      activity: { lastVisit: friday.dayBefore, pricingViews: 4, demoRequested: true, trialStarted: false },
    };
    await page.getByRole('tab', { name: 'Test', exact: true }).click();
    await page.getByRole('tab', { name: 'JSON', exact: true }).click();
    const preview = await runTestLead(page, lead, friday.input);
    const receipt = page.getByTestId('receipt');
    await expect(receipt.getByTestId('receipt-preview')).toHaveText(
      new RegExp(
        `^Would go to Ann Archer: next in turn in ${poolName} · due Mon ${friday.monday} \\w+, 13:00 \\(Mon–Fri 09:00–17:00, Europe/Berlin\\) · preview, nothing assigned$`,
      ),
    );
    await expect(receipt.getByTestId('receipt-owner')).toContainText('Ann Archer (ann@example.com)');
    expect((await request.get(`/v1/leads/${encodeURIComponent(leadId)}`)).status()).toBe(404);

    // The same lead through the live API gets that owner and due time, for real.
    const live = await request.post(`/v1/workflows/${id}/evaluate`, { data: { lead, now: friday.iso } });
    expect(live.ok(), await live.text()).toBe(true);
    const decision = await live.json();
    const { preview: flag, ...previewed } = preview.handoff;
    expect(flag).toBe(true);
    expect(decision.handoff).toEqual(previewed);
    expect(decision.handoff).toMatchObject({ owner: { name: 'Ann Archer' }, pool: poolId, assigned: 'new' });
    const dueAt: string = decision.handoff.sla.dueAt;

    // The receiver gets the signed `assigned` event; with no contact by Monday 13:00 the SLA clock
    // finds it breached and escalates (the step is 1 working hour after the due time).
    const mine = (type: string) => hook.got.filter((g) => g.event.leadId === leadId && g.event.type === type);
    await expect.poll(() => mine('assigned').length, { timeout: 10_000 }).toBe(1);
    const assigned = mine('assigned')[0]!;
    expect(verify(assigned.headers['qualify-signature'], assigned.raw, secret)).toBe(true);
    expect(verify(assigned.headers['qualify-signature'], assigned.raw.replace('Ann', 'Eve'), secret)).toBe(
      false,
    );
    expect(assigned.event.data).toMatchObject({ owner: { name: 'Ann Archer' }, pool: poolId, dueAt });
    await expect.poll(() => mine('sla.breached').length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => mine('escalated').length, { timeout: 10_000 }).toBe(1);
    for (const g of [...mine('sla.breached'), ...mine('escalated')]) {
      expect(verify(g.headers['qualify-signature'], g.raw, secret)).toBe(true);
    }
    expect(mine('sla.breached')[0]!.event.data).toMatchObject({ dueAt });
    expect(mine('escalated')[0]!.event.data).toMatchObject({ action: 'remind_owner' });
    const order = hook.got.filter((g) => g.event.leadId === leadId).map((g) => g.event.sequence);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    // A re-evaluation with a lower score keeps the stage, and the receipt says so.
    const stored = (await (await request.get(`/v1/leads/${encodeURIComponent(leadId)}`)).json()).stage;
    const cold = { ...lead, budget: 0, need: 'low', authority: 'none', timeline: 'none' };
    const again = await runTestLead(page, cold, friday.input);
    expect(again.route.kind).not.toBe('sales');
    await expect(receipt.getByTestId('receipt-stage')).toHaveText(stored);
    await expect(receipt.getByTestId('receipt-stage-note')).toHaveText(
      new RegExp(`^Kept at ${stored}: stages only move forward \\(this path sets \\w+\\)\\.$`),
    );
    const liveAgain = await request.post(`/v1/workflows/${id}/evaluate`, {
      data: { lead: cold, now: friday.iso },
    });
    expect((await liveAgain.json()).handoff).toMatchObject({
      stage: stored,
      stageKept: true,
      owner: { name: 'Ann Archer' },
    });
  } finally {
    await hook.close();
  }
});
