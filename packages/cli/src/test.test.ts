import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root, scratch } from './testing.ts';

const EXAMPLE = 'examples/bant-inbound-saas.workflow.json';
const example = () => JSON.parse(readFileSync(join(root, EXAMPLE), 'utf8'));

/** `npx qualify …` from the project root, as the done-when runs it. */
const npx = (...args: string[]) => {
  const r = spawnSync('npx', ['--no-install', 'qualify', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('qualify test', () => {
  it("passes the BANT example's test cases: `npx qualify test examples/bant-inbound-saas.workflow.json` exits 0", () => {
    const names = example().testCases.map((c: { name: string }) => c.name);
    expect(names.length).toBeGreaterThan(1);
    const r = npx('test', EXAMPLE);
    expect(r.code).toBe(0);
    for (const name of names)
      expect(r.stdout).toMatch(
        new RegExp(`^ {2}PASS {2}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`, 'm'),
      );
    expect(r.stdout).toContain(`All ${names.length} test cases pass.`);
    expect(r.stdout).not.toContain('FAIL');
  });

  it('fails a copy whose case expects another route: a readable report and exit 1', () => {
    const w = example();
    const hot = w.testCases.find((c: { name: string }) => c.name === 'Hot inbound VP');
    expect(hot.expect.route).toBe('sales');
    hot.expect.route = 'nurture';
    const dir = scratch({ 'changed.workflow.json': w });
    const file = join(dir, 'changed.workflow.json');
    const r = npx('test', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '  FAIL  Hot inbound VP (hot-inbound-vp)\n          Expected route Nurture, got Sales (Sales: Inbound SDR).\n',
    );
    expect(r.stdout.match(/^ {2}PASS /gm)).toHaveLength(w.testCases.length - 1);
    expect(r.stdout).toContain(
      `1 of ${w.testCases.length} test cases fails: Hot inbound VP (expected route Nurture, got Sales).`,
    );
    expect(r.stdout).not.toMatch(NO_STACK);
    expect(r.stderr).toBe('');
  });

  it('--json prints the run as data', () => {
    const w = example();
    w.testCases[1].expect.score = 99;
    const dir = scratch({ 'w.json': w });
    const r = qualify('test', join(dir, 'w.json'), '--json');
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ passed: w.testCases.length - 1, failed: 1 });
    expect(run.results[1].failures).toEqual([expect.objectContaining({ what: 'score', expected: '99' })]);
  });

  it('says so when the workflow has no test cases (exit 0)', () => {
    const w = example();
    delete w.testCases;
    const dir = scratch({ 'w.json': w });
    const r = qualify('test', join(dir, 'w.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('has no test cases');
  });

  it('refuses a workflow whose test case is broken, naming it (exit 1), and a missing file (exit 2)', () => {
    const w = example();
    w.testCases[0].now = 'yesterday';
    const dir = scratch({ 'w.json': w });
    const broken = qualify('test', join(dir, 'w.json'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('error    Test case "Hot inbound VP": testCases.0.now');
    expect(broken.stderr).not.toMatch(NO_STACK);
    const missing = qualify('test', join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.json: no such file.');
  });
});
