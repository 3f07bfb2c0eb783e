import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { connect, node, nodeIds, selectNode } from './canvas-helpers.ts';

/**
 * Fast edits on the canvas: connections dropped on empty canvas, edge ends moved, used exits replaced,
 * click-to-add beside the selection, connecting by keyboard, presets filled from the catalogue and
 * selection counts. Each test works on a small workflow of its own made from the BANT example.
 */

type Edge = { from: string; port: string; to: string };
type Wf = { nodes: { id: string; kind: string; data: unknown }[]; edges: Edge[]; fields: Field[] };
type Field = { path: string; label: string };

/** A gate leading to three routes (its fail exit free), with the example's catalogue. */
async function smallWorkflow(request: APIRequestContext, prefix: string): Promise<string> {
  const templates = (await (await request.get('/v1/templates')).json()) as {
    items: { id: string; workflow: Wf }[];
  };
  const bant = templates.items.find((t) => t.id === 'bant-inbound-saas')!.workflow;
  const data = (id: string) => bant.nodes.find((n) => n.id === id)!.data;
  const at = (x: number, y: number) => ({ x, y });
  const nodes = [
    { id: 'start', kind: 'start', label: 'Lead arrives', position: at(0, 160), data: {} },
    { id: 'bant', kind: 'gate', label: 'BANT hand-off', position: at(340, 160), data: data('bant') },
    { id: 'sales', kind: 'route', label: 'Inbound SDR', position: at(720, 0), data: data('toSales') },
    { id: 'nurture', kind: 'route', label: 'Nurture', position: at(720, 200), data: data('toMqlNurture') },
    { id: 'dq', kind: 'route', label: 'Disqualify', position: at(720, 420), data: data('toDq') },
  ];
  const edges = [
    { id: 'start-next-bant', from: 'start', port: 'next', to: 'bant' },
    { id: 'bant-pass-sales', from: 'bant', port: 'pass', to: 'sales' },
  ];
  const id = await createFromTemplate(request, 'bant-inbound-saas', prefix, {
    name: `Fast edits ${prefix} ${Date.now()}`,
    nodes,
    edges,
  });
  return id;
}

async function open(page: Page, id: string) {
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'dq')).toBeVisible();
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await page.waitForTimeout(400);
}

/** The draft's connections as the runtime stored them, once saved. */
async function savedEdges(page: Page, request: APIRequestContext, id: string): Promise<Edge[]> {
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  const draft = (await (await request.get(`/v1/workflows/${id}`)).json()) as { workflow: Wf };
  return draft.workflow.edges.map(({ from, port, to }) => ({ from, port, to }));
}

const leavingExit = (edges: Edge[], from: string, port: string) =>
  edges.filter((e) => e.from === from && e.port === port).map((e) => e.to);

async function center(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 14 });
  await page.mouse.up();
}

test('a connection dropped on empty canvas opens a step picker there; Escape cancels', async ({
  page,
  request,
}) => {
  const id = await smallWorkflow(request, 'drop');
  await open(page, id);
  const handle = '.react-flow__node[data-id="bant"] .react-flow__handle[data-handleid="fail"]';
  const from = await center(page, handle);
  const gate = (await node(page, 'bant').boundingBox())!;
  // Below the gate: nothing is there.
  const empty = { x: gate.x + gate.width / 2, y: gate.y + gate.height + 100 };

  // Escape cancels: no step, no connection.
  const before = await nodeIds(page);
  await drag(page, from, empty);
  const picker = page.getByRole('dialog', { name: 'Add a step here' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('combobox', { name: 'Step to add' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  expect(await nodeIds(page)).toEqual(before);

  // Typing narrows the list; Enter adds the step where the connection was dropped, connected.
  await drag(page, from, empty);
  await picker.getByRole('combobox').fill('score');
  await expect(picker.getByRole('option')).toHaveCount(2);
  await picker.getByRole('option', { name: /^Score tiers/ }).click();
  await expect(picker).toHaveCount(0);
  const added = (await nodeIds(page)).find((n) => !before.includes(n))!;
  expect(added).toMatch(/^branch-/);
  const box = (await node(page, added).boundingBox())!;
  expect(Math.abs(box.x - empty.x)).toBeLessThan(120);
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'fail')).toEqual([added]);
  // The new step's form has the keyboard.
  await expect(
    page.locator('.qs-side-body').getByRole('textbox', { name: 'Label', exact: true }),
  ).toBeFocused();

  // One undo removes the step and its connection together.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, added)).toHaveCount(0);
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'fail')).toEqual([]);
});

test("an edge's end dragged to another step moves it; one undo restores it", async ({ page, request }) => {
  const id = await smallWorkflow(request, 'reconnect');
  await open(page, id);
  const end = await center(
    page,
    '.react-flow__edge[data-id="bant-pass-sales"] .react-flow__edgeupdater-target',
  );
  const entry = await center(
    page,
    '.react-flow__node[data-id="nurture"] .react-flow__handle[data-handleid="in"]',
  );
  await drag(page, end, entry);
  await expect
    .poll(async () => leavingExit(await savedEdges(page, request, id), 'bant', 'pass'))
    .toEqual(['nurture']);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect
    .poll(async () => leavingExit(await savedEdges(page, request, id), 'bant', 'pass'))
    .toEqual(['sales']);
});

test('a second connection from a used exit replaces the first, or says why it cannot', async ({
  page,
  request,
}) => {
  const id = await smallWorkflow(request, 'replace');
  await open(page, id);
  await connect(page, 'bant', 'pass', 'dq');
  await expect(page.getByRole('status').filter({ hasText: 'now leads to "Disqualify"' })).toBeVisible();
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'pass')).toEqual(['dq']);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'pass')).toEqual(['sales']);

  // Drawn again to the step it already leads to: nothing changes and the studio says why.
  const from = await center(
    page,
    '.react-flow__node[data-id="bant"] .react-flow__handle[data-handleid="pass"]',
  );
  await drag(page, from, await center(page, '.react-flow__node[data-id="sales"] .qs-node-label'));
  await expect(page.getByRole('alert').filter({ hasText: 'already leads to "Inbound SDR"' })).toBeVisible();
  // Into "Lead arrives": refused, with the reason.
  await drag(page, from, await center(page, '.react-flow__node[data-id="start"] .qs-node-label'));
  await expect(
    page.getByRole('alert').filter({ hasText: 'Nothing may lead into "Lead arrives"' }),
  ).toBeVisible();
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'pass')).toEqual(['sales']);
});

test('click-to-add lands beside the selected step, connected, never on top of another', async ({
  page,
  request,
}) => {
  const id = await smallWorkflow(request, 'click');
  await open(page, id);
  const inspector = page.locator('.qs-side-body');
  await selectNode(page, 'bant');
  const before = await nodeIds(page);
  await page.getByRole('button', { name: /^Add Route/ }).click();
  const added = (await nodeIds(page)).find((n) => !before.includes(n))!;
  await expect(inspector.getByRole('textbox', { name: 'Label', exact: true })).toBeFocused();
  await expect(inspector.getByRole('textbox', { name: 'Label', exact: true })).toHaveValue('Route');
  const gate = (await node(page, 'bant').boundingBox())!;
  const box = (await node(page, added).boundingBox())!;
  expect(box.x).toBeGreaterThan(gate.x + gate.width);
  // Connected from the gate's first free exit (fail): no lead is left without a way on.
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'fail')).toEqual([added]);

  // Three more with nothing selected: each lands in free space.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  for (const kind of ['Score', 'Signal check', 'Set stage'])
    await page.getByRole('button', { name: new RegExp(`^Add ${kind}:`) }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(before.length + 4);
  const boxes = await page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(true);
    }
});

test("keyboard only: Connect… (C) joins the selected step's exit to a step typed by name", async ({
  page,
  request,
}) => {
  const id = await smallWorkflow(request, 'keys');
  await open(page, id);
  await node(page, 'bant').focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'bant')).toHaveClass(/selected/);
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Connect an exit' });
  await expect(dialog).toBeVisible();
  const exit = dialog.getByLabel('Exit of "BANT hand-off"');
  await expect(exit).toBeFocused();
  // It starts on the first free exit.
  await expect(exit).toHaveValue('fail');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('combobox', { name: 'Connect to step' })).toBeFocused();
  await page.keyboard.type('disq');
  await expect(dialog.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  expect(leavingExit(await savedEdges(page, request, id), 'bant', 'fail')).toEqual(['dq']);
});

test('choosing a framework fills its criteria from the catalogue and names the ones it could not', async ({
  page,
  request,
}) => {
  // The example itself: its gate leads on from both exits, so a filled preset leaves it without problems.
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'preset');
  await open(page, id);
  const draft = (await (await request.get(`/v1/workflows/${id}`)).json()) as { workflow: Wf };
  const paths = new Set(draft.workflow.fields.map((f) => f.path));
  const word = (s: string) =>
    s
      .toLowerCase()
      .replace(/\(.*?\)/g, '')
      .replace(/[^a-z]/g, '');
  /** A field named like the criterion itself ("Budget" → `budget`, "Budget (EUR)"). */
  const namesake = (criterion: string) =>
    draft.workflow.fields.find(
      (f) => word(f.path.split('.').at(-1)!) === word(criterion) || word(f.label) === word(criterion),
    );

  await selectNode(page, 'bant');
  const inspector = page.locator('.qs-side-body');
  const cards = inspector.locator('.qs-card');
  const framework = inspector.getByLabel('Framework');

  /** Picks a framework and checks every criterion: filled from a catalogue field, or named as unfilled. */
  const pick = async (name: string) => {
    await framework.selectOption(name);
    const status = inspector.getByTestId('preset-fill');
    await expect(status).toBeVisible();
    await expect(cards.first()).toBeVisible();
    const unfilled = (await status.getByTestId('preset-unfilled').count())
      ? ((await status.getByTestId('preset-unfilled').textContent()) ?? '').split(', ')
      : [];
    let filled = 0;
    for (const card of await cards.all()) {
      const label = await card.getByRole('textbox', { name: /name$/ }).inputValue();
      const rows = card.locator('.qs-comparison');
      if (unfilled.includes(label)) {
        await expect(rows).toHaveCount(0);
        // Named as unfilled only when no field is named like it.
        expect(namesake(label), label).toBeUndefined();
        continue;
      }
      await expect(rows).toHaveCount(1);
      const field = await rows.getByLabel('Lead field').inputValue();
      expect(paths.has(field), `${label} reads ${field}`).toBe(true);
      const own = namesake(label);
      if (own) expect(field).toBe(own.path);
      filled++;
    }
    expect(filled + unfilled.length).toBe(await cards.count());
    await expect(status).toContainText(`${filled} of ${filled + unfilled.length}`);
    return { filled, unfilled };
  };

  // GPCTBA/C&I: the BANT catalogue has nothing for goals, plans or consequences; the rest are filled.
  const wide = await pick('GPCTBA/C&I');
  expect(wide.unfilled.length).toBeGreaterThan(0);
  expect(wide.filled).toBeGreaterThan(0);

  // BANT: every criterion has its namesake field in this catalogue, so all four are filled, no errors.
  const bant = await pick('BANT');
  const expected = ['Budget', 'Authority', 'Need', 'Timeline'].filter((c) => namesake(c)).length;
  expect(bant.filled).toBe(expected);
  expect(bant.unfilled).toEqual([]);
  await expect(node(page, 'bant')).toContainText('BANT: 3 of 4 criteria');
  await expect(node(page, 'bant').getByTestId('issue-badge')).toHaveCount(0);
});

test('box-selecting four steps reads "4 steps selected"', async ({ page, request }) => {
  const id = await smallWorkflow(request, 'box');
  await open(page, id);
  const four = await Promise.all(
    ['start', 'bant', 'sales', 'nurture'].map((n) => node(page, n).boundingBox()),
  );
  const left = Math.min(...four.map((b) => b!.x)) - 12;
  const top = Math.min(...four.map((b) => b!.y)) - 12;
  const right = Math.max(...four.map((b) => b!.x + b!.width)) + 12;
  const bottom = Math.max(...four.map((b) => b!.y + b!.height)) + 12;
  const dq = (await node(page, 'dq').boundingBox())!;
  expect(bottom).toBeLessThan(dq.y + dq.height);
  await page.keyboard.down('Shift');
  await drag(page, { x: left, y: top }, { x: right, y: bottom });
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(4);
  await expect(page.getByTestId('selection-count')).toHaveText('4 steps selected.');
});
