import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root, scratch } from './testing.ts';

const EXAMPLE = 'examples/bant-inbound-saas.workflow.json';
const HISTORY = 'examples/backtest/history.csv';
const NOW = '2026-03-02T09:00:00Z';
const example = () => JSON.parse(readFileSync(join(root, EXAMPLE), 'utf8'));
const node = (w: { nodes: { id: string; data: object }[] }, id: string) =>
  w.nodes.find((n) => n.id === id)!.data as { tiers: { min: number }[]; rules: { points: number }[] };

/** The example with the MQL threshold 40 → 60 and the senior-title rule 20 → 25 points. */
function stricter() {
  const w = example();
  node(w, 'tiers').tiers[0]!.min = 60;
  node(w, 'fit').rules[0]!.points = 25;
  return w;
}

describe('qualify diff', () => {
  it("says each change in a sentence, and the impact on both files' test cases", () => {
    const dir = scratch({ 'to.json': stricter() });
    const r = qualify('diff', EXAMPLE, join(dir, 'to.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^2 changes from ${EXAMPLE} to .*to\\.json:\\n`));
    const sentences = r.stdout.split('\n').filter((l) => l.startsWith('  - '));
    expect(sentences).toHaveLength(2);
    expect(sentences.some((s) => s.includes('40 → 60'))).toBe(true);
    expect(sentences.some((s) => s.includes('20 → 25'))).toBe(true);
    expect(r.stdout).toMatch(/\nImpact on the 4 test cases: /);
  });

  it('finds no change between a file and a copy whose steps only moved on the canvas', () => {
    const w = example();
    for (const n of w.nodes) n.position = { x: n.position.x + 40, y: n.position.y };
    delete w.testCases;
    const dir = scratch({ 'moved.json': w });
    const base = example();
    delete base.testCases;
    const dir2 = scratch({ 'base.json': base });
    const r = qualify('diff', join(dir2, 'base.json'), join(dir, 'moved.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`No changes from ${join(dir2, 'base.json')} to ${join(dir, 'moved.json')}.\n`);
  });

  it('--leads measures the impact on a CSV file; the counts are those of evaluating it with each file', () => {
    const dir = scratch({ 'to.json': stricter() });
    const to = join(dir, 'to.json');
    const r = qualify('diff', EXAMPLE, to, '--leads', HISTORY, '--now', NOW, '--json');
    expect(r.code).toBe(0);
    const { changes, impact } = JSON.parse(r.stdout);
    expect(changes).toHaveLength(2);
    // An independent recount: each file's decisions as `evaluate` gives them, compared line by line.
    const routes = (file: string) =>
      qualify('evaluate', file, HISTORY, '--now', NOW, '--view', 'summary')
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((d) => ({ route: `${d.route?.kind}/${d.route?.target}`, stage: d.stage }));
    const before = routes(EXAMPLE);
    const after = routes(to);
    expect(impact.leads).toBe(before.length);
    expect(impact.routeChanged).toBe(before.filter((b, i) => b.route !== after[i]!.route).length);
    expect(impact.stageChanged).toBe(before.filter((b, i) => b.stage !== after[i]!.stage).length);
    expect(impact.routeChanged).toBeGreaterThan(0);
    const text = qualify('diff', EXAMPLE, to, '--leads', HISTORY, '--now', NOW);
    expect(text.stdout).toContain(
      `\nImpact on the ${before.length} leads of ${HISTORY}: ${impact.sentence}\n`,
    );
    expect(text.stdout).toMatch(/^ {2}route .+ → .+: \d+ \(/m);
  }, 90_000);

  it('refuses an invalid workflow when the impact needs it (exit 1), a missing file or a bad --now (exit 2)', () => {
    const w = stricter();
    w.edges = w.edges.filter((e: { from: string }) => e.from !== 'stageSal');
    const dir = scratch({ 'to.json': w });
    const invalid = qualify('diff', EXAMPLE, join(dir, 'to.json'));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('is not a valid workflow: 1 error.');
    expect(invalid.stderr).not.toMatch(NO_STACK);
    const missing = qualify('diff', EXAMPLE, join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.json: no such file.');
    const now = qualify('diff', EXAMPLE, EXAMPLE, '--now', 'soon');
    expect(now.code).toBe(2);
    expect(now.stderr).toContain('--now "soon" is not a time');
  }, 60_000);

  it('says what is wrong with a missing file or one that is not JSON (exit 2)', () => {
    const dir = scratch({ 'bad.json': '{' });
    const missing = qualify('diff', EXAMPLE, join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`qualify diff: ${join(dir, 'none.json')}: no such file.\n`);
    const bad = qualify('diff', join(dir, 'bad.json'), EXAMPLE);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json is not JSON');
    expect(bad.stderr).not.toMatch(NO_STACK);
  });
});
