import { expect, type Locator, type Page } from '@playwright/test';

/** A node on the canvas by its id. */
export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Ids of the nodes on the canvas, in document order. */
export async function nodeIds(page: Page): Promise<string[]> {
  return page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** Drags a kind from the palette onto the canvas at a point of the pane; returns the new node's id. */
export async function dragFromPalette(
  page: Page,
  kind: string,
  at: { x: number; y: number },
): Promise<string> {
  // Every workflow has a start step: until it is drawn, the canvas has not loaded the workflow.
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const before = new Set(await nodeIds(page));
  await page.locator(`.qs-palette-item[data-kind="${kind}"]`).dragTo(page.locator('.react-flow__pane'), {
    targetPosition: at,
  });
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
  const id = (await nodeIds(page)).find((x) => !before.has(x));
  if (!id) throw new Error(`No ${kind} node appeared`);
  return id;
}

/** Draws a connection from an exit of one node to the entry of another, with the mouse. */
export async function connect(page: Page, from: string, port: string, to: string): Promise<void> {
  const source = node(page, from).locator(`.react-flow__handle[data-handleid="${port}"]`);
  const target = node(page, to).locator('.react-flow__handle[data-handleid="in"]');
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`Handles of ${from}.${port} → ${to} are not visible`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.locator(`.react-flow__edge[data-id^="e-${from}-${port}"]`)).toHaveCount(1);
}

/** Clicks a node's label (selecting it without starting a connection). */
export async function selectNode(page: Page, id: string): Promise<void> {
  // A workflow opens around its start step at a readable zoom: a step further on may be off screen,
  // so fit the whole workflow first, as a person would.
  if (!(await inView(page, id))) {
    await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
    await expect.poll(() => inView(page, id)).toBe(true);
  }
  await node(page, id).locator('.qs-node-label').click();
  await expect(node(page, id)).toHaveClass(/selected/);
}

/** Whether the step is drawn wholly inside the canvas. */
async function inView(page: Page, id: string): Promise<boolean> {
  if ((await node(page, id).count()) === 0) return false;
  const [box, pane] = await Promise.all([
    node(page, id).boundingBox(),
    page.locator('.react-flow').boundingBox(),
  ]);
  if (!box || !pane) return false;
  return (
    box.x >= pane.x &&
    box.y >= pane.y &&
    box.x + box.width <= pane.x + pane.width &&
    box.y + box.height <= pane.y + pane.height
  );
}

/** Waits until the draft is saved by the runtime. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
}
