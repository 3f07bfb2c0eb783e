import { expect, type Page, test } from '@playwright/test';
import { createFromTemplate } from './api-helpers.ts';
import { node } from './canvas-helpers.ts';

/** The canvas zoom, read from the transform React Flow puts on its viewport. */
const zoomOf = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** Ids of the steps whose box lies wholly inside the canvas pane. */
const stepsInView = (page: Page) =>
  page.evaluate(() => {
    const pane = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return (
          r.left >= pane.left - 1 &&
          r.right <= pane.right + 1 &&
          r.top >= pane.top - 1 &&
          r.bottom <= pane.bottom + 1
        );
      })
      .map((n) => n.dataset.id);
  });

/**
 * Edges drawn through a step that is neither their source nor their target: each edge's path is
 * sampled every 4 px on screen and tested against every other step's box.
 */
const edgesUnderSteps = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => ({
      id: n.dataset.id!,
      r: n.getBoundingClientRect(),
    }));
    const found: string[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const m = /^Connection from (.+) \(.+\) to (.+)$/.exec(edge.getAttribute('aria-label') ?? '');
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const ctm = path?.getScreenCTM();
      if (!m || !path || !ctm) continue;
      const length = path.getTotalLength();
      const step = 4 / ctm.a;
      for (let at = 0; at <= length; at += step) {
        const p = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(ctm);
        const under = boxes.find(
          (b) =>
            b.id !== m[1] &&
            b.id !== m[2] &&
            p.x > b.r.left + 2 &&
            p.x < b.r.right - 2 &&
            p.y > b.r.top + 2 &&
            p.y < b.r.bottom - 2,
        );
        if (under) {
          found.push(`${edge.dataset.id} under ${under.id}`);
          break;
        }
      }
    }
    return found;
  });

test('every example opens readable around its start step, and one click shows it whole', async ({
  page,
  request,
}) => {
  const res = await request.get('/v1/templates');
  const { items } = (await res.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThanOrEqual(5);
  for (const template of items) {
    const id = await createFromTemplate(request, template.id, `sight-${template.id}`);
    await page.goto(`/workflows/${id}`);
    const start = node(page, 'start');
    await expect(start).toBeVisible();
    // The opening viewport is set once the steps are measured.
    await expect.poll(() => stepsInView(page), { message: template.id }).toContain('start');
    const zoom = await zoomOf(page);
    const title = start.locator('.qs-node-label');
    const onScreen = await title.evaluate((el, z) => {
      const fontSize = Number.parseFloat(getComputedStyle(el).fontSize);
      return { font: fontSize * z, height: el.getBoundingClientRect().height };
    }, zoom);
    expect(onScreen.font, `${template.id}: title px on screen`).toBeGreaterThanOrEqual(11);
    expect(onScreen.height, `${template.id}: title box on screen`).toBeGreaterThanOrEqual(11);

    const total = await page.locator('.react-flow__node').count();
    await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
    // The example is stored where the layout puts it, so its edges follow ELK's routes.
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-edges', 'routed');
    await expect.poll(async () => (await stepsInView(page)).length, { message: template.id }).toBe(total);
    // Laid out by ELK when built: the edges go around the steps, never under one.
    expect(await edgesUnderSteps(page), template.id).toEqual([]);
  }
});

test('Shift+1 fits the whole workflow; edges carry their exit labels', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'sight-keys');
  await page.goto(`/workflows/${id}`);
  await expect(node(page, 'start')).toBeVisible();
  await expect.poll(() => stepsInView(page)).toContain('start');
  const total = await page.locator('.react-flow__node').count();
  expect((await stepsInView(page)).length).toBeLessThan(total);
  // The exits of the first check are labelled on their edges, readable at the opening zoom.
  const no = page.locator('.qs-edge-label[data-edge="dq-false-fit"]');
  await expect(no).toHaveText('No');
  await expect(no).toBeInViewport();
  await expect(page.locator('.qs-edge-label[data-edge="dq-true-stageDq"]')).toHaveText('Yes');
  // A tier's label and the else label, as the score tiers step names them.
  await expect(page.locator('.qs-edge-label[data-edge="tiers-mql-stageMql"]')).toHaveText('MQL (40+)');
  await expect(page.locator('.qs-edge-label[data-edge="tiers-else-toNewsletter"]')).toHaveText('Not yet');

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+Digit1');
  await expect.poll(async () => (await stepsInView(page)).length).toBe(total);

  // Moving a step leaves ELK's routes (smoothstep edges follow it); undo brings them back, and so does "Tidy up".
  const canvas = page.getByTestId('canvas');
  await expect(canvas).toHaveAttribute('data-edges', 'routed');
  const box = (await node(page, 'fit').locator('.qs-node-label').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 120, { steps: 8 });
  await page.mouse.up();
  await expect(canvas).toHaveAttribute('data-edges', 'free');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvas).toHaveAttribute('data-edges', 'routed');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(canvas).toHaveAttribute('data-edges', 'free');
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(canvas).toHaveAttribute('data-edges', 'routed');
  expect(await edgesUnderSteps(page)).toEqual([]);
});

test('a side panel folds away, widens the canvas and stays folded after a reload', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'sight-panels');
  await page.goto(`/workflows/${id}`);
  const canvas = page.getByTestId('canvas');
  await expect(node(page, 'start')).toBeVisible();
  const width = async () => (await canvas.boundingBox())!.width;
  const before = await width();

  const details = page.getByRole('button', { name: 'Details panel' });
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeHidden();
  await expect.poll(width).toBeGreaterThan(before + 300);

  const palette = page.getByRole('button', { name: 'Step palette' });
  await palette.focus();
  await page.keyboard.press('Enter');
  await expect(palette).toHaveAttribute('aria-expanded', 'false');
  const folded = await width();
  expect(folded).toBeGreaterThan(before + 450);

  await page.reload();
  await expect(node(page, 'start')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Details panel' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Step palette' })).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(width).toBeCloseTo(folded, 0);

  await page.getByRole('button', { name: 'Details panel' }).press('Space');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
});

test('a long step summary ends in "…" inside its box and shows whole on hover', async ({ page, request }) => {
  const id = await createFromTemplate(request, 'reference-workload', 'sight-summary');
  await page.goto(`/workflows/${id}`);
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  const summaries = page.locator('.qs-node-summary');
  await expect(summaries.first()).toBeVisible();
  const clamped = await summaries.evaluateAll((els) =>
    els
      .filter((el) => el.scrollHeight > el.clientHeight + 1)
      .map((el) => {
        const s = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const ports = el.parentElement!.querySelector('.qs-node-ports')?.getBoundingClientRect();
        return {
          text: el.textContent,
          title: el.getAttribute('title'),
          clamp: s.webkitLineClamp,
          overflow: s.overflow,
          lines: Math.round(el.clientHeight / Number.parseFloat(s.lineHeight)),
          abovePorts: !ports || box.bottom <= ports.top + 0.5,
        };
      }),
  );
  expect(clamped.length).toBeGreaterThan(0);
  for (const c of clamped) {
    // Two lines and an ellipsis (line-clamp draws the "…"), nothing cut by the exits below; the whole text on hover.
    expect(c).toMatchObject({ clamp: '2', overflow: 'hidden', lines: 2, abovePorts: true });
    expect(c.title).toBe(c.text);
  }
});

test('a choice reads as its label in the condition form and the receipt; operator menus show whole', async ({
  page,
  request,
}) => {
  const id = await createFromTemplate(request, 'bant-inbound-saas', 'sight-choices');
  await page.goto(`/workflows/${id}`);
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await node(page, 'bant').locator('.qs-node-label').click();
  const inspector = page.locator('#qs-side-body');
  const authority = inspector.locator('.qs-card', { has: page.getByLabel('Authority: value') });
  const value = authority.getByLabel('Authority: value');
  await expect(value).toHaveValue('decision_maker');
  await expect(value.locator('option:checked')).toHaveText('Decision maker');
  const need = inspector.locator('.qs-comparison', {
    has: page.getByRole('group', { name: 'Need: values' }),
  });
  await expect(need.getByRole('checkbox', { name: 'High', exact: true })).toBeChecked();

  // Each operator menu is as wide as its longest choice (nothing reads "is a free-mail ac…").
  const cut = await inspector.getByLabel('Operator').evaluateAll(
    (selects) =>
      (selects as HTMLSelectElement[]).filter((s) => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        const style = getComputedStyle(s);
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const widest = Math.max(...[...s.options].map((o) => ctx.measureText(o.text).width));
        return s.clientWidth - Number.parseFloat(style.paddingLeft) - 16 < widest;
      }).length,
  );
  expect(cut).toBe(0);

  // A lead whose authority is unknown: the receipt asks about it in the label's words.
  await page.getByRole('tab', { name: 'Test', exact: true }).click();
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  const lead = {
    email: 'ann@acme.io',
    jobTitle: 'VP Sales',
    company: { employees: 250, industry: 'saas' },
    budget: 20000,
    need: 'high',
    timeline: 'this_quarter',
    activity: {
      lastVisit: '2026-03-01T15:00:00Z',
      pricingViews: 4,
      demoRequested: true,
      trialStarted: false,
    },
  };
  await page.getByLabel('Lead JSON').fill(JSON.stringify(lead));
  await page.getByRole('button', { name: 'Run test lead' }).click();
  const receipt = page.getByTestId('receipt');
  const ask = receipt
    .locator('section', { has: page.getByRole('heading', { name: 'Ask next' }) })
    .locator('li');
  await expect(ask.filter({ hasText: 'Ask about authority' })).toHaveText(
    'Ask about authority: is it true that Authority is Decision maker?',
  );
});
