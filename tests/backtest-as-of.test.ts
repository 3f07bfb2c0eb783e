import { readFileSync } from 'node:fs';
import { type FieldCatalogue, latestDate, suggestMapping } from '@qualify/rules';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steppingClock, type TestApp, testApp } from '../apps/runtime/src/test-app.ts';
import { scanFile } from '../apps/studio/src/backtest/scan-file.ts';

/**
 * Issue 9: a backtest scored a history of past leads as of the day it ran, so every recency rule gave
 * nothing. Here a small workflow with score decay runs on examples/backtest/history.csv through the
 * runtime, and its sales volume per threshold is recomputed by hand: the CSV read as text, the decay
 * and threshold arithmetic written out below, nothing of the product's evaluator.
 */

const DAY = 86_400_000;
const THRESHOLDS = [10, 15, 20, 30, 35, 40, 50];
const csv = readFileSync(new URL('../examples/backtest/history.csv', import.meta.url), 'utf8');
const rows = parse(csv, { columns: true }) as Record<string, string>[];

const fields = [
  { path: 'activity.lastVisit', label: 'Last visit', type: 'date', category: 'engagement' },
  { path: 'activity.pricingViews', label: 'Pricing page views', type: 'number', category: 'engagement' },
];
const node = (id: string, kind: string, data: unknown) => ({
  id,
  kind,
  label: id,
  data,
  position: { x: 0, y: 0 },
});
const workflow = {
  schemaVersion: 1,
  id: 'recency',
  name: 'Recency',
  fields,
  nodes: [
    node('start', 'start', {}),
    node('engagement', 'score', {
      scoreType: 'engagement',
      cap: null,
      rules: [
        {
          id: 'pricing',
          label: 'Viewed pricing 3+ times',
          condition: { type: 'compare', field: 'activity.pricingViews', op: 'gte', value: 3 },
          points: 30,
          decay: { field: 'activity.lastVisit', days: 14 },
        },
        {
          id: 'recent',
          label: 'Visited in the last 7 days',
          condition: { type: 'compare', field: 'activity.lastVisit', op: 'withinDays', value: 7 },
          points: 20,
        },
      ],
    }),
    node('tiers', 'branch', {
      on: 'total',
      tiers: [{ id: 'hot', label: 'Hot', min: 40 }],
      elseLabel: 'Not yet',
    }),
    node('toSales', 'route', {
      to: 'sales',
      queue: 'SDR',
      priority: 'high',
      sla: { firstContactHours: 4, touches: 5 },
    }),
    node('toNurture', 'route', { to: 'nurture', track: 'Newsletter' }),
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'engagement', port: 'next' },
    { id: 'e2', from: 'engagement', to: 'tiers', port: 'next' },
    { id: 'e3', from: 'tiers', to: 'toSales', port: 'hot' },
    { id: 'e4', from: 'tiers', to: 'toNurture', port: 'else' },
  ],
};

/**
 * The workflow's arithmetic by hand, for a lead seen `asOf`: 30 points for 3+ pricing views, full
 * within 14 days of the last visit, half within 28, none after; 20 more for a visit in the last 7 days.
 */
function points(row: Record<string, string>, asOf: number): number {
  const visit = Date.UTC(
    Number(row.last_visit!.slice(0, 4)),
    Number(row.last_visit!.slice(5, 7)) - 1,
    Number(row.last_visit!.slice(8, 10)),
  );
  const age = asOf - visit;
  const pricing = Number(row.pricing_views) >= 3 ? (age <= 14 * DAY ? 30 : age <= 28 * DAY ? 15 : 0) : 0;
  return pricing + (age <= 7 * DAY ? 20 : 0);
}

/** Leads to sales, and how many of them converted, per threshold, for every row seen `asOf`. */
function byHand(asOf: number) {
  return THRESHOLDS.map((threshold) => {
    const sales = rows.filter((r) => points(r, asOf) >= threshold);
    return {
      threshold,
      salesLeads: sales.length,
      salesConverted: sales.filter((r) => r.converted === 'won').length,
    };
  });
}

// The latest last visit of the file, by comparing the ISO texts.
const latest = rows
  .map((r) => r.last_visit!)
  .sort()
  .at(-1)!;

let t: TestApp;
beforeAll(async () => {
  // The runtime runs long after the history, as anyone backtesting does.
  t = await testApp({ clock: steppingClock(Date.parse('2026-11-22T10:00:00Z')) });
  expect((await t.call('POST', '/v1/workflows', workflow)).status).toBe(201);
});
afterAll(() => t.close());

async function sweep(query: string) {
  const res = await t.app.request(
    `/v1/workflows/recency/backtest?outcome=converted&versions=draft&sweep=tiers:hot&thresholds=${THRESHOLDS.join(',')}&${query}`,
    { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const lines = (await res.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const result = lines.at(-1);
  expect(result.type).toBe('result');
  return result as {
    evaluatedAt: { asOf: string; text: string };
    sweep: { points: { threshold: number; salesLeads: number; salesConverted: number }[] };
    versions: { routeKinds: { sales: { leads: number } } }[];
  };
}

describe('recency rules on examples/backtest/history.csv', () => {
  it('by default, scores the file as of its latest last visit: the counts per threshold match a count by hand', async () => {
    expect(latest).toBe('2026-03-02');
    const result = await sweep('');
    expect(result.evaluatedAt.text).toBe(`As of ${latest} (latest last_visit in the file)`);
    const want = byHand(Date.parse(latest));
    expect(
      result.sweep.points.map(({ threshold, salesLeads, salesConverted }) => ({
        threshold,
        salesLeads,
        salesConverted,
      })),
    ).toEqual(want);
    // The workflow's own threshold (40) sends as many as the sweep's 40.
    expect(result.versions[0]!.routeKinds.sales.leads).toBe(want.find((p) => p.threshold === 40)!.salesLeads);
    // Recency matters: the sales volume is not nothing at any threshold.
    for (const p of want) expect(p.salesLeads, `threshold ${p.threshold}`).toBeGreaterThan(0);
  });

  it('as of a date months later, every recency rule gives nothing, as the count by hand says', async () => {
    const result = await sweep('asOf=2026-11-22');
    const want = byHand(Date.parse('2026-11-22'));
    for (const p of want) expect(p.salesLeads).toBe(0);
    expect(result.sweep.points.map((p) => p.salesLeads)).toEqual(want.map((p) => p.salesLeads));
  });

  it('as of a date mid-history, matches the count by hand too', async () => {
    const asOf = Date.parse('2026-02-10T12:00:00Z');
    const result = await sweep('asOf=2026-02-10T12:00:00Z');
    expect(
      result.sweep.points.map(({ threshold, salesLeads, salesConverted }) => ({
        threshold,
        salesLeads,
        salesConverted,
      })),
    ).toEqual(byHand(asOf));
  });
});

describe('the default as-of date, found by the studio in the browser and by the runtime', () => {
  const [header, ...lines] = csv.trim().split('\n') as [string, ...string[]];
  const cells = (line: string) => line.split(',');
  const withVisit = (line: string, visit: string, converted?: string) => {
    const c = cells(line);
    c[9] = visit;
    if (converted !== undefined) c[13] = converted;
    return c.join(',');
  };
  const files: [string, string][] = [
    ['history.csv', csv],
    [
      // CRLF, a byte order mark, a quoted cell over two lines; a short row with a later visit (read by
      // neither), a row without an outcome whose visit is later still (read by both).
      'a rough export',
      `\uFEFF${[
        header,
        ...lines.slice(0, 50),
        withVisit(lines[50]!, '2026-04-01').replace(/,[^,]*$/, ''),
        lines[51]!.replace(/^([^,]*),([^,]*),([^,]*)/, '$1,$2,"Head of\nSales"'),
        withVisit(lines[52]!, '2026-03-20T08:00:00Z', ''),
      ].join('\r\n')}\r\n`,
    ],
    ['no readable date', [header, withVisit(lines[0]!, 'recently'), withVisit(lines[1]!, '')].join('\n')],
    // Old Mac exports end lines with a lone CR: every line ends a record, as LF does.
    ['CR-only endings', `${[header, ...lines].join('\r')}\r`],
    [
      // Line endings mixed within the file: the latest visit is on a row ended by a lone CR, between
      // rows ended by LF and CRLF, and a quoted cell holds a lone CR.
      'mixed endings',
      `${header}\n${lines.slice(0, 20).join('\r\n')}\r\n${withVisit(lines[20]!, '2026-04-02')}\r${lines[21]!.replace(/^([^,]*),([^,]*),([^,]*)/, '$1,$2,"Head of\rSales"')}\n${lines.slice(22, 40).join('\n')}`,
    ],
  ];

  it.each(files)('%s', async (_, text) => {
    const res = await t.app.request('/v1/workflows/recency/backtest?outcome=converted&versions=draft', {
      method: 'POST',
      body: text,
      headers: { 'content-type': 'text/csv' },
    });
    const start = JSON.parse((await res.text()).split('\n')[0]!);
    const columns = cells(header);
    const mapping = suggestMapping(columns, fields as FieldCatalogue);
    const studio = latestDate(
      (await scanFile(new Blob([text]), 'csv')).dates,
      mapping,
      fields as FieldCatalogue,
    );
    if (studio) expect(start.evaluatedAt.asOf).toBe(new Date(studio.ms).toISOString());
    expect(start.evaluatedAt.asOfFrom).toBe(studio ? 'latest' : 'clock');
    expect(start.evaluatedAt.latest).toEqual(
      studio ? { column: studio.column, field: studio.field.path } : null,
    );
  });

  it('a lone CR ends a record in the studio as in the runtime, in a CR-only file and a mixed one', async () => {
    expect((await scanFile(new Blob([files[3]![1]]), 'csv')).dates.get('last_visit')).toBe(
      Date.parse(latest),
    );
    expect((await scanFile(new Blob([files[4]![1]]), 'csv')).dates.get('last_visit')).toBe(
      Date.parse('2026-04-02'),
    );
  });

  it('the rough export is read as documented: the row without an outcome counts, the short row does not', async () => {
    const { dates } = await scanFile(new Blob([files[1]![1]]), 'csv');
    expect(dates.get('last_visit')).toBe(Date.parse('2026-03-20T08:00:00Z'));
  });
});
