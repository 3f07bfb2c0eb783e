import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { expectSaved, node, selectNode } from './canvas-helpers.ts';

/**
 * Issue 11's done-when: an editor changes a threshold and proposes; an approver sees the diff with the
 * count of moved leads and approves; it is published; the audit trail names both people and the steps;
 * an approver who edited the draft is refused approving it. The two people are two API keys, switched
 * through the studio's key dialog; the local admin (no key) sets them up.
 */

async function createKey(request: APIRequestContext, name: string, role: string): Promise<string> {
  const res = await request.post('/v1/keys', { data: { name, role } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

/** Acts as the person a key belongs to, through the app bar's key dialog (the page reloads). */
async function actAs(page: Page, key: string, who: string) {
  await page.getByRole('button', { name: /^(Use a key|Switch key)…$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Use an API key' });
  await expect(dialog.getByLabel('API key', { exact: true })).toBeFocused();
  await dialog.getByLabel('API key', { exact: true }).fill(key);
  await dialog.getByLabel('API key', { exact: true }).press('Enter');
  await expect(page.locator('.qs-me')).toContainText(who);
}

interface AuditEntry {
  action: string;
  actor: string;
  detail: string;
  proposalId?: string;
  version?: number;
}

test('an editor proposes a threshold, an approver reviews its impact and approves, self-approval is refused', async ({
  page,
  request,
}) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));

  // The local admin: a workflow with a live version 1, two people, and a rule that asks for a second pair of eyes.
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'review');
  const v1 = await request.post(`/v1/workflows/${id}/publish`, { data: { note: 'Spring review' } });
  expect(v1.status()).toBe(201);
  const eve = await createKey(request, 'Eve Editor', 'editor');
  const abe = await createKey(request, 'Abe Approver', 'approver');
  const rule = await request.put(`/v1/workflows/${id}/approval`, {
    data: { required: true, role: 'approver', excludeEditors: true },
  });
  expect(rule.ok()).toBe(true);

  // Eve raises the MQL threshold and proposes the draft.
  await page.goto('/');
  await actAs(page, eve, 'Eve Editor · editor');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'tiers')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish…' })).toHaveCount(0);
  await selectNode(page, 'tiers');
  await page.locator('.qs-side-body').getByLabel('Tier 1 threshold').fill('101');
  await expect(node(page, 'tiers')).toContainText('101');
  await expectSaved(page);
  await page.getByRole('button', { name: 'Propose for review…' }).click();
  const propose = page.getByRole('dialog', { name: 'Propose for review' });
  const note = propose.getByLabel('Note for the reviewer');
  await expect(note).toBeFocused();
  await note.fill('Only leads above 100 points are MQLs');
  await note.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const banner = page.getByTestId('review-banner');
  await expect(banner.getByTestId('proposal-status')).toHaveText('Waiting for review');
  await expect(banner).toContainText('proposed by Eve Editor');
  await expect(banner).toContainText('Only leads above 100 points are MQLs');
  // An editor withdraws; only an approver approves; the header waits for the review.
  await expect(banner.getByRole('button', { name: 'Withdraw' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Approve…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Propose for review…' })).toBeDisabled();

  // Abe reads the changes and what they do to the sample leads.
  await actAs(page, abe, 'Abe Approver · approver');
  await expect(banner).toContainText('proposed by Eve Editor');
  await banner.getByRole('button', { name: 'Review changes' }).click();
  const diff = page.locator('.qs-side-body').getByTestId('diff');
  await expect(diff).toContainText('From Version 1');
  const changes = diff.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  await expect(changes).toHaveCount(1);
  await expect(changes.first()).toContainText('40 → 101');
  await expect(diff.getByTestId('impact-sentence')).toContainText('2 of 4 leads change route');
  const moves = diff.getByRole('list', { name: 'Route moves' }).getByRole('listitem');
  await expect(moves).toHaveCount(2);
  await expect(moves.filter({ hasText: 'from Sales' })).toContainText(
    'moves 1 of 4 leads from Sales (Inbound SDR) to Nurture (Newsletter)',
  );
  await expect(moves.filter({ hasText: 'from Sales' })).toContainText('Hot inbound VP');
  // Which of the workflow's test cases the change breaks, before approving.
  await expect(page.getByTestId('review-cases')).toContainText('2 of 4 test cases fail: Hot inbound VP');
  // The changed step is marked on the canvas, and only it.
  await expect(node(page, 'tiers').getByTestId('changed-badge')).toBeVisible();
  await expect(page.getByTestId('changed-badge')).toHaveCount(1);

  await banner.getByRole('button', { name: 'Approve…' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve proposal p1' });
  await expect(approve.getByLabel('Comment (optional)')).toBeFocused();
  await approve.getByLabel('Comment (optional)').fill('Agreed with sales on Monday');
  await approve.getByLabel('Comment (optional)').press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(banner.getByTestId('proposal-status')).toHaveText('Approved');
  await expect(banner).toContainText('Approved by Abe Approver: Agreed with sales on Monday');

  // The approved proposal is what Publish makes live.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish version 2' });
  await expect(publish).toContainText('approved by Abe Approver');
  await expect(publish.getByLabel('What changed, and why')).toHaveValue(
    'Only leads above 100 points are MQLs',
  );
  await publish.getByRole('button', { name: 'Publish and make live' }).click();
  // The two leads that move are test cases expecting the old routes: publishing stops there, and the
  // approver publishes anyway with a reason, recorded.
  const failing = publish.getByTestId('publish-failures');
  await expect(failing).toContainText('2 test cases fail');
  await expect(failing).toContainText('Hot inbound VP');
  await publish
    .getByLabel('Why publish anyway? (recorded with the version)')
    .fill('Both cases follow the new threshold; Eve updates them next');
  await publish.getByRole('button', { name: 'Publish anyway' }).click();
  await expect(page.locator('.qs-editor-head .qs-chip.is-live')).toHaveText('Live v2');
  await expect(page.getByTestId('review-banner')).toHaveCount(0);

  // Versions: who approved v2; v1 against v2 reads the same change; v2 against the draft has none.
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(page.locator('.qs-versions li').first()).toContainText('approved by Abe Approver');
  await page.getByLabel('Compare', { exact: true }).selectOption('1');
  await page.getByLabel('with', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.locator('.qs-side-body').getByTestId('diff')).toContainText('40 → 101');
  await page.getByLabel('Compare', { exact: true }).selectOption('2');
  await page.getByLabel('with', { exact: true }).selectOption('draft');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.locator('.qs-side-body').getByTestId('diff')).toContainText(
    'No changes since version 2.',
  );

  // Abe edits the draft and proposes it himself: the rule keeps him from approving his own edit.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await selectNode(page, 'tiers');
  await page.locator('.qs-side-body').getByLabel('Tier 1 threshold').fill('90');
  await expectSaved(page);
  await page.getByRole('button', { name: 'Propose for review…' }).click();
  await propose.getByLabel('Note for the reviewer').fill('A little lower again');
  await propose.getByLabel('Note for the reviewer').press('Enter');
  await expect(banner.getByTestId('proposal-status')).toHaveText('Waiting for review');
  await expect(banner).toContainText('proposed by Abe Approver');
  await expect(banner).toContainText('the rule asks for someone else to approve');
  await banner.getByRole('button', { name: 'Approve…' }).click();
  const own = page.getByRole('dialog', { name: 'Approve proposal p2' });
  await own.getByLabel('Comment (optional)').press('Enter');
  // The runtime's refusal, as it answered.
  await expect(own.getByTestId('verdict-error')).toContainText('You edited this proposal (revision');
  await own.getByRole('button', { name: 'Cancel' }).click();
  await expect(banner.getByTestId('proposal-status')).toHaveText('Waiting for review');
  const p2 = await request.get(`/v1/workflows/${id}/proposals/p2`);
  expect(((await p2.json()) as { status: string }).status).toBe('open');

  // Sending his own proposal back is allowed, with a comment; the draft can then be proposed again.
  await banner.getByRole('button', { name: 'Request changes…' }).click();
  const sendBack = page.getByRole('dialog', { name: 'Request changes p2' });
  await sendBack.getByLabel('What should change').press('Enter');
  await expect(sendBack.getByTestId('verdict-error')).toHaveText(
    'Say what should change, so the editor knows what to do.',
  );
  await sendBack.getByLabel('What should change').fill('Wait for the sales sign-off');
  await sendBack.getByLabel('What should change').press('Enter');
  await expect(banner.getByTestId('proposal-status')).toHaveText('Changes requested');
  await expect(banner).toContainText('Changes requested by Abe Approver: Wait for the sales sign-off');
  await expect(banner.getByRole('button', { name: 'Approve…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Propose for review…' })).toBeEnabled();

  // The audit trail names both people and each step: in the API, and on the workflow's Audit page.
  const audit = await request.get(`/v1/audit?workflow=${encodeURIComponent(id)}&limit=100`);
  expect(audit.ok()).toBe(true);
  const entries = ((await audit.json()) as { items: AuditEntry[] }).items;
  const did = (action: string) => entries.filter((e) => e.action === action).map((e) => e.actor);
  expect(new Set(did('draft.saved'))).toEqual(new Set(['Abe Approver', 'Eve Editor']));
  expect(did('proposal.opened')).toEqual(['Abe Approver', 'Eve Editor']);
  expect(did('proposal.approved')).toEqual(['Abe Approver']);
  expect(did('proposal.changes_requested')).toEqual(['Abe Approver']);
  expect(did('tests.overridden')).toEqual(['Abe Approver']);
  expect(did('version.published')).toEqual(['Abe Approver', 'local']);
  expect(entries.find((e) => e.action === 'proposal.approved')?.proposalId).toBe('p1');
  expect(entries.find((e) => e.action === 'version.published')?.version).toBe(2);

  await page.getByRole('link', { name: 'Audit' }).click();
  const rows = page.getByTestId('audit-row');
  const row = (action: string) => rows.filter({ has: page.getByRole('cell', { name: action, exact: true }) });
  await expect(row('Approved')).toHaveCount(1);
  await expect(row('Approved')).toContainText('Abe Approver');
  await expect(row('Proposed for review')).toHaveCount(2);
  await expect(row('Proposed for review').last()).toContainText('Eve Editor');
  await expect(row('Proposed for review').first()).toContainText('Abe Approver');
  await expect(row('Version published').first()).toContainText('Abe Approver');
  await expect(row('Draft saved').last()).toContainText('Eve Editor');

  expect(crashes).toEqual([]);
});

test('an admin sets the approval rule in the Review tab; Publish becomes Propose for review', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'anum-services', 'rule');
  await page.goto(`/workflows/${id}`);
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeEnabled();
  await page.getByRole('tab', { name: 'Review' }).click();
  const panel = page.locator('.qs-side-body');
  await expect(panel).toContainText('No proposal under review');
  await expect(panel).toContainText('Not published yet: everything in the draft is new.');
  // Local mode's default: one person, no approval needed.
  await expect(page.getByTestId('approval-rule')).toContainText('Publishing does not need approval');
  await expect(page.getByTestId('approval-rule')).toContainText('(the runtime’s default)');

  await panel.getByRole('button', { name: 'Change the rule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approval rule' });
  await expect(dialog.getByLabel('Publishing needs an approved proposal')).toBeFocused();
  await dialog.getByLabel('Publishing needs an approved proposal').check();
  await dialog.getByLabel('Who may approve').selectOption('admin');
  await dialog.getByLabel('Nobody who edited the proposal may approve it').check();
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('approval-rule')).toHaveText(
    'Publishing needs an approved proposal: an admin approves, never someone who edited it.',
  );
  await expect(page.getByRole('button', { name: 'Propose for review…' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Publish…' })).toHaveCount(0);

  const stored = await (await request.get(`/v1/workflows/${id}/approval`)).json();
  expect(stored).toEqual({
    rule: { required: true, role: 'admin', excludeEditors: true },
    source: 'workflow',
  });

  // A proposal's conversation: a comment typed in the Review tab is kept with its author; Withdraw in
  // the banner ends the proposal, which then reads as an earlier one.
  await page.getByRole('button', { name: 'Propose for review…' }).click();
  const propose = page.getByRole('dialog', { name: 'Propose for review' });
  await propose.getByLabel('Note for the reviewer').fill('First version of ANUM');
  await propose.getByLabel('Note for the reviewer').press('Enter');
  await expect(panel.getByRole('heading', { name: /^Proposal p1: / })).toBeVisible();
  await expect(panel).toContainText('No comments yet.');
  await panel.getByLabel('Comment', { exact: true }).fill('Is the 50-employee floor agreed with sales?');
  await panel.getByLabel('Comment', { exact: true }).press('Enter');
  const comments = panel.getByRole('list', { name: 'Comments' });
  await expect(comments).toContainText('local');
  await expect(comments).toContainText('Is the 50-employee floor agreed with sales?');
  await page.getByRole('region', { name: 'Review' }).getByRole('button', { name: 'Withdraw' }).click();
  await expect(panel.getByRole('heading', { name: 'No proposal under review' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Earlier proposals' })).toContainText('p1 Withdrawn');
  const p1 = await (await request.get(`/v1/workflows/${id}/proposals/p1`)).json();
  expect(p1).toMatchObject({
    status: 'withdrawn',
    comments: [{ by: 'local', text: 'Is the 50-employee floor agreed with sales?', verdict: null }],
  });
});
