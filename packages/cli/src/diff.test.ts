import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root, scratch } from './testing.ts';

const EXAMPLE = 'examples/bant-inbound-saas.workflow.json';
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
  it('says each change in a sentence', () => {
    const dir = scratch({ 'to.json': stricter() });
    const r = qualify('diff', EXAMPLE, join(dir, 'to.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^2 changes from ${EXAMPLE} to .*to\\.json:\\n`));
    const sentences = r.stdout.split('\n').filter((l) => l.startsWith('  - '));
    expect(sentences).toHaveLength(2);
    expect(sentences.some((s) => s.includes('40 → 60'))).toBe(true);
    expect(sentences.some((s) => s.includes('20 → 25'))).toBe(true);
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
