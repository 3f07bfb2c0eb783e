import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { node } from './canvas-helpers.ts';

/** The studio as the README shows it: a realistic example with a test lead's path and receipt. */
test('screenshot of the studio with the inbound BANT example open', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1000 });
  await page.goto('/workflows/bant-inbound-saas');
  await expect(node(page, 'start')).toBeVisible();

  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page
    .getByLabel('Sample lead')
    .selectOption({ label: 'Hot inbound VP (Inbound SaaS: scoring and BANT hand-off)' });
  await page.getByRole('button', { name: 'Run test lead' }).click();
  await expect(page.getByTestId('receipt-route')).toHaveText('Sales: Inbound SDR');

  // The palette folded so the canvas takes the width; the whole flow in view, the lead's path lit up.
  await page.getByRole('button', { name: 'Step palette' }).click();
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await page.waitForTimeout(400);
  mkdirSync('docs', { recursive: true });
  // The README's picture is refreshed on request (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean.
  await page.screenshot({
    path: process.env.UPDATE_SCREENSHOT ? 'docs/screenshot.png' : 'test-results/screenshot.png',
  });
});
