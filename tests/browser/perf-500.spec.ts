import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { node } from './canvas-helpers.ts';
import { largeWorkflow } from './large-workflow.ts';

/**
 * Opens a generated 500-node workflow, tidies it up (ELK in a web worker) and drags one node,
 * recording how long the first render, the layout and the drag frames take. It asserts behaviour only; the figures go to the report and to
 * test-results/perf-500.json (apps/studio/README.md quotes them).
 */
test('a 500-node workflow opens, renders every node, tidies up and drags smoothly', async ({
  page,
  request,
}, info) => {
  const id = `perf-500-${Date.now()}`;
  const created = await request.post('/v1/workflows', { data: largeWorkflow(id, 500) });
  expect(created.status()).toBe(201);

  await page.goto(`/workflows/${id}`);
  const render = await page.evaluate(
    (recordPath) =>
      new Promise<{ navToRenderedMs: number; fetchToRenderedMs: number }>((resolve) => {
        const check = () => {
          const all = document.querySelectorAll('.react-flow__node');
          const shown = [...all].filter((n) => (n as HTMLElement).style.visibility !== 'hidden');
          if (all.length === 500 && shown.length === 500) {
            const done = performance.now();
            const fetched = performance
              .getEntriesByType('resource')
              .find((e) => e.name.endsWith(recordPath)) as PerformanceResourceTiming | undefined;
            resolve({
              navToRenderedMs: Math.round(done),
              fetchToRenderedMs: Math.round(done - (fetched?.responseEnd ?? 0)),
            });
          } else requestAnimationFrame(check);
        };
        check();
      }),
    `/v1/workflows/${id}`,
  );

  // The workflow opens around its start step; the whole of it is one click away.
  const target = node(page, 'check-30');
  await page.getByRole('button', { name: 'Fit the whole workflow' }).click();
  await expect(target).toBeInViewport();
  const viewport = page.locator('.react-flow__viewport');
  await expect
    .poll(async () => {
      const a = await viewport.evaluate((el) => getComputedStyle(el).transform);
      await page.waitForTimeout(100);
      return a === (await viewport.evaluate((el) => getComputedStyle(el).transform));
    })
    .toBe(true);
  const box = await target.boundingBox();
  if (!box) throw new Error('check-30 is not on screen');
  const before = await target.evaluate((el) => (el as HTMLElement).style.transform);

  // Chromium's own counters split the drag's main-thread time into script, style and layout.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const counters = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return {
      script: get('ScriptDuration'),
      style: get('RecalcStyleDuration'),
      layout: get('LayoutDuration'),
      task: get('TaskDuration'),
    };
  };
  const c0 = await counters();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const t0 = Date.now();
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 160, y + 90, { steps: 30 });
  await page.mouse.up();
  const dragWallMs = Date.now() - t0;
  const c1 = await counters();
  const perMove = (k: keyof typeof c0) => Math.round(((c1[k] - c0[k]) * 1000 * 10) / 30) / 10;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  const sorted = [...gaps].sort((a, b) => a - b);
  const drag = {
    moves: 30,
    dragWallMs,
    frames: gaps.length,
    meanFrameMs: Math.round((gaps.reduce((s, g) => s + g, 0) / Math.max(1, gaps.length)) * 10) / 10,
    p95FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    maxFrameMs: Math.round(sorted.at(-1) ?? 0),
    perMoveMs: {
      script: perMove('script'),
      style: perMove('style'),
      layout: perMove('layout'),
      mainThread: perMove('task'),
    },
  };

  await expect.poll(() => target.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before);
  // The whole drag is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => target.evaluate((el) => (el as HTMLElement).style.transform)).toBe(before);

  // "Tidy up" lays the 500 steps out with ELK in a web worker: the page keeps drawing frames meanwhile.
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const tidyStart = Date.now();
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-edges', 'routed', { timeout: 30_000 });
  const tidyFrames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames;
  });
  const tidyGaps = tidyFrames.slice(1).map((t, i) => t - (tidyFrames[i] ?? t));
  const tidy = {
    wallMs: Date.now() - tidyStart,
    frames: tidyGaps.length,
    maxFrameMs: Math.round(Math.max(0, ...tidyGaps)),
  };

  const result = { nodes: 500, ...render, tidy, drag };
  writeFileSync('test-results/perf-500.json', `${JSON.stringify(result, null, 2)}\n`);
  await info.attach('perf-500', { body: JSON.stringify(result, null, 2), contentType: 'application/json' });
  console.log('500-node measurement', JSON.stringify(result));
});
