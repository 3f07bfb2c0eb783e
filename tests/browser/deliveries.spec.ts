import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { bantWithLeadId, hotLead } from './handoff-helpers.ts';

/** A real receiver on a free port: answers 200 and remembers what it got. */
async function receiver() {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/qualify`, got, close: () => new Promise((r) => server.close(r)) };
}

test('a subscription made in the studio shows its secret once; its delivery is listed, inspected and replayed', async ({
  page,
  request,
}) => {
  const hook = await receiver();
  try {
    await page.goto('/deliveries');
    await page.getByRole('button', { name: 'New subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'New subscription' });
    await expect(dialog.getByLabel('URL')).toBeFocused();
    await page.keyboard.type(hook.url);
    await dialog.getByLabel('Decision made').check();
    await dialog.getByLabel('Owner assigned').uncheck();
    await dialog.getByLabel('Stage changed').uncheck();
    await dialog.getByLabel('Description').fill('Browser test receiver');
    await dialog.getByLabel('Description').press('Enter');

    const secretDialog = page.getByRole('dialog', { name: 'Copy the signing secret' });
    await expect(secretDialog).toContainText('This is the only time the secret is shown.');
    const secret = await secretDialog.getByTestId('subscription-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    const sub = page.getByTestId('subscription-row').filter({ hasText: hook.url });
    await expect(sub).toContainText('Decision made');
    await expect(sub.locator('.qs-chip')).toHaveText('Active');
    // Shown once: neither the page nor the API has it afterwards.
    await expect(page.getByText(secret)).toHaveCount(0);
    const listed = await (await request.get('/v1/subscriptions')).json();
    expect(JSON.stringify(listed)).not.toContain(secret);

    // A decision on a live workflow for a lead with an id is an event for this subscription.
    const id = await bantWithLeadId(request, 'hooks');
    expect(
      (
        await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'For the webhook test' } })
      ).status(),
    ).toBe(201);
    const leadId = `dee-${Date.now().toString(36)}@acme.io`;
    expect(
      (await request.post(`/v1/workflows/${id}/evaluate`, { data: { lead: hotLead(leadId) } })).ok(),
    ).toBe(true);
    await expect.poll(() => hook.got.filter((g) => g.body.includes(leadId)).length).toBe(1);

    await page.getByLabel('Status', { exact: true }).selectOption('delivered');
    const row = page.getByTestId('delivery-row').filter({ hasText: leadId });
    await expect(row).toContainText('Decision made');
    await expect(row.locator('.qs-chip')).toHaveText('Delivered');
    await row.getByRole('button', { name: /Details/ }).click();
    const detail = page.getByTestId('delivery-detail');
    await expect(detail.getByTestId('attempts').locator('tbody tr')).toHaveCount(1);
    await expect(detail.getByTestId('attempts')).toContainText('HTTP 200');
    await expect(detail).toContainText('Qualify-Event');
    await expect(detail.getByTestId('delivery-body')).toContainText(`"leadId": "${leadId}"`);

    await page.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => hook.got.filter((g) => g.body.includes(leadId)).length).toBe(2);
    const [first, again] = hook.got.filter((g) => g.body.includes(leadId));
    expect(again?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        await row.getByRole('button', { name: /Details/ }).click();
        const n = await page.getByTestId('attempts').locator('tbody tr').count();
        await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
        return n;
      })
      .toBe(2);

    // Pause, then delete after a confirmation.
    await sub.getByRole('button', { name: /^Pause/ }).click();
    await expect(sub.locator('.qs-chip')).toHaveText('Paused');
    await sub.getByRole('button', { name: /^Delete/ }).click();
    await page
      .getByRole('dialog', { name: 'Delete this subscription?' })
      .getByRole('button', { name: 'Delete subscription' })
      .click();
    await expect(sub).toHaveCount(0);
  } finally {
    await hook.close();
  }
});
