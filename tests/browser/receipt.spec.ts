import { expect, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';

test('the receipt names each data issue once and asks for what the scores could not read', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'receipt');
  await page.goto(`/workflows/${id}`);
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  const lead = {
    email: 'bob@acme.io',
    company: { employees: '50k' },
    budget: 20000,
    activity: { lastVisit: '12' },
  };
  await page.getByLabel('Lead JSON').fill(JSON.stringify(lead));
  await page.getByRole('button', { name: 'Run test lead' }).click();
  const receipt = page.getByTestId('receipt');
  const issues = receipt
    .locator('section', { has: page.getByRole('heading', { name: 'Data issues' }) })
    .locator('li');
  await expect(issues).toHaveText([
    'company.employees: "50k" is not a number; treated as missing.',
    'activity.lastVisit: "12" is not a date; treated as missing.',
  ]);
  const questions = receipt
    .locator('section', { has: page.getByRole('heading', { name: 'Ask next' }) })
    .locator('li');
  // The gate's unknown criteria first, then the fit fields the score rules could not read, most points first.
  await expect(questions.last()).toHaveText(/^Ask for industry: "Target industry" earns \+10 fit points\.$/);
  await expect(questions.filter({ hasText: 'Ask for job title' })).toHaveText(
    'Ask for job title: "Senior job title" earns +20 fit points.',
  );
  // The score tiers' reason names the exit by its label, as the canvas does, not by its id ("else").
  const why = receipt.locator('section', { has: page.getByRole('heading', { name: 'Why' }) }).locator('li');
  await expect(why.filter({ hasText: /^MQL threshold:/ })).toHaveText(
    /^MQL threshold: total score \d+ → Not yet\.$/,
  );
});
