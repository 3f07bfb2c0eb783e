import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root, scratch } from './testing.ts';

const EXAMPLE = 'examples/bant-inbound-saas.workflow.json';
const NOW = '2026-03-02T09:00:00Z';

/** The example's sample leads with the decisions the examples expect of them (independent of the CLI). */
const samples: {
  name: string;
  now: string;
  lead: object;
  expect: { route: string; stage: string; score?: number };
}[] = JSON.parse(readFileSync(join(root, 'examples/bant-inbound-saas.leads.json'), 'utf8'));
const hot = samples.find((s) => s.name === 'Hot inbound VP')!;

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('qualify evaluate', () => {
  it('prints the decision receipt of one lead, at --now', () => {
    const dir = scratch({ 'lead.json': hot.lead });
    const r = qualify('evaluate', EXAMPLE, join(dir, 'lead.json'), '--now', NOW);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.route.kind).toBe(hot.expect.route);
    expect(d.stage).toBe(hot.expect.stage);
    expect(d.score.total).toBe(hot.expect.score);
    expect(d.evaluatedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(d.reasons.length).toBeGreaterThan(0);
    expect(d.path[0]).toBe('start');
  });

  it('--view summary prints what the runtime summary holds', () => {
    const dir = scratch({ 'lead.json': hot.lead });
    const r = qualify('evaluate', EXAMPLE, join(dir, 'lead.json'), '--now', NOW, '--view', 'summary');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual([
      'workflow',
      'route',
      'stage',
      'priorStage',
      'stageKept',
      'score',
      'dataIssues',
    ]);
    expect(d.workflow).toEqual({ id: 'bant-inbound-saas', version: null });
    expect(d.score).toEqual({ total: 100, fit: 45, engagement: 55 });
  });

  it('evaluates an NDJSON file a line at a time; a line that is no lead is an error line and exit 1', () => {
    const ndjson = `${samples.map((s) => JSON.stringify(s.lead)).join('\n')}\n\n{"email": \n[1]\n`;
    const dir = scratch({ 'leads.ndjson': ndjson });
    const r = qualify('evaluate', EXAMPLE, join(dir, 'leads.ndjson'), '--now', NOW, '--view', 'summary');
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out).toHaveLength(samples.length + 2);
    samples.forEach((s, i) => {
      expect(out[i], s.name).toMatchObject({
        line: i + 1,
        route: { kind: s.expect.route },
        stage: s.expect.stage,
      });
    });
    const [bad, array] = out.slice(samples.length);
    expect(bad).toEqual({
      line: samples.length + 2,
      error: {
        code: 'invalid_json',
        detail: expect.stringContaining(`Line ${samples.length + 2} is not valid JSON`),
      },
    });
    expect(array.error).toEqual({
      code: 'not_an_object',
      detail: `Line ${samples.length + 3} is an array; a lead is a JSON object.`,
    });
    expect(r.stderr).toBe(`Evaluated ${samples.length} leads; 2 could not be read.\n`);
  });

  it('evaluates a JSON array of leads as NDJSON', () => {
    const dir = scratch({ 'leads.json': samples.map((s) => s.lead) });
    const r = qualify('evaluate', EXAMPLE, join(dir, 'leads.json'), '--now', NOW);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((d) => [d.line, d.route.kind])).toEqual(
      samples.map((s, i) => [i + 1, s.expect.route]),
    );
  });

  it('reads CSV as the batch reads an upload: header matched to fields, BOM, CRLF, quotes, blank and short rows', () => {
    const csv = [
      '\uFEFFid,E-mail,Job title,Authority,Need,pricingViews,notes',
      'L-1,ann@acme.io,VP Sales,decision_maker,high,4,"likes us, a lot"',
      '',
      ' , , ',
      'L-2,kim@uni-mannheim.de,MBA Student',
      'L-3,kim@uni-mannheim.de,MBA Student,,,,',
      '',
    ].join('\r\n');
    const dir = scratch({ 'leads.csv': csv });
    const r = qualify('evaluate', EXAMPLE, join(dir, 'leads.csv'), '--now', NOW);
    expect(r.code).toBe(1);
    const [first, short, third] = lines(r.stdout);
    expect(first.line).toBe(2);
    // The same lead given as JSON, as the header maps it, gets the same decision.
    const asJson = scratch({
      'lead.json': {
        id: 'L-1',
        email: 'ann@acme.io',
        jobTitle: 'VP Sales',
        authority: 'decision_maker',
        need: 'high',
        activity: { pricingViews: '4' },
        notes: 'likes us, a lot',
      },
    });
    const single = JSON.parse(qualify('evaluate', EXAMPLE, join(asJson, 'lead.json'), '--now', NOW).stdout);
    expect({ ...first, line: undefined }).toEqual({ ...single, line: undefined });
    expect(short).toEqual({
      line: 5,
      error: { code: 'too_few_cells', detail: 'Line 5 has 3 cells; the header has 7.' },
    });
    expect(third).toMatchObject({ line: 6, route: { kind: 'disqualify' } });
    expect(r.stderr).toContain(
      '5 of 7 columns feed fields (E-mail → email, Job title → jobTitle, Authority → authority, Need → need, pricingViews → activity.pricingViews)',
    );
    expect(r.stderr).toContain('Evaluated 2 leads; 1 could not be read.');
  });

  it("reads a CSV events column as JSON; a cell that is not JSON, or too many events, is that line's error", () => {
    const plg: typeof samples = JSON.parse(readFileSync(join(root, 'examples/plg-trial.leads.json'), 'utf8'));
    const [growth] = plg as { lead: { email: string; jobTitle: string; events: object[] } }[];
    const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const many = JSON.stringify(Array.from({ length: 1001 }, () => growth!.lead.events[0]));
    const csv = [
      'email,jobTitle,employees,industry,events',
      `${growth!.lead.email},${growth!.lead.jobTitle},120,saas,${cell(JSON.stringify(growth!.lead.events))}`,
      `${growth!.lead.email},${growth!.lead.jobTitle},120,saas,${cell('[{"type":')}`,
      `${growth!.lead.email},${growth!.lead.jobTitle},120,saas,${cell(many)}`,
      '',
    ].join('\n');
    const dir = scratch({ 'leads.csv': csv, 'many.json': { ...growth!.lead, events: JSON.parse(many) } });
    const workflow = 'examples/plg-trial.workflow.json';
    const r = qualify('evaluate', workflow, join(dir, 'leads.csv'), '--now', NOW);
    expect(r.code).toBe(1);
    const [first, notJson, tooMany] = lines(r.stdout);
    expect([first.route.kind, first.score.total]).toEqual([plg[0]!.expect.route, plg[0]!.expect.score]);
    expect(notJson.error).toEqual({
      code: 'events_unreadable',
      detail: expect.stringMatching(/^Line 3: The events in column "events" are not JSON/),
    });
    expect(tooMany.error).toEqual({
      code: 'too_many_events',
      detail: expect.stringMatching(
        /^Line 4: The lead carries 1,001 events; one evaluation reads at most 1,000/,
      ),
    });
    expect(r.stderr).toContain(
      'columns feed fields (email, jobTitle, employees → company.employees, industry → company.industry, events)',
    );
    // One lead over the limit, given alone: its error line, exit 1.
    const single = qualify('evaluate', workflow, join(dir, 'many.json'), '--now', NOW);
    expect(single.code).toBe(1);
    expect(lines(single.stdout)[0].error.code).toBe('too_many_events');
  });

  it('refuses bad options and files with a message (exit 2), an invalid workflow with its errors (exit 1)', () => {
    const dir = scratch({
      'lead.json': hot.lead,
      'leads.txt': 'x',
      'w.json': { schemaVersion: 2 },
      'n.json': '42',
    });
    const lead = join(dir, 'lead.json');
    const cases: [string[], number, string][] = [
      [[EXAMPLE, lead, '--now', 'yesterday'], 2, '--now "yesterday" is not a time'],
      [[EXAMPLE, lead, '--view', 'short'], 2, '--view is full or summary, not "short".'],
      [[EXAMPLE, join(dir, 'leads.txt')], 2, 'leads are read from .json'],
      [[EXAMPLE, join(dir, 'none.csv')], 2, 'none.csv: no such file.'],
      [
        [EXAMPLE, join(dir, 'n.json')],
        2,
        'holds a number; give a lead (a JSON object) or an array of leads.',
      ],
      [[join(dir, 'w.json'), lead], 1, 'is not a valid workflow'],
    ];
    for (const [args, code, message] of cases) {
      const r = qualify('evaluate', ...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(r.stdout).toBe('');
    }
  }, 90_000);
});
