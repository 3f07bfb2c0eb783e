import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root, scratch } from './testing.ts';

const EXAMPLE = 'examples/bant-inbound-saas.workflow.json';
const example = () => JSON.parse(readFileSync(join(root, EXAMPLE), 'utf8'));

/** The example with its "Fit score" rule's points as text and the SAL stage's exit disconnected. */
function broken() {
  const w = example();
  w.nodes.find((n: { id: string }) => n.id === 'fit').data.rules[0].points = 'ten';
  w.edges = w.edges.filter((e: { from: string }) => e.from !== 'stageSal');
  return w;
}

describe('qualify validate', () => {
  it('passes a valid workflow: exit 0, "no problems"', () => {
    const r = qualify('validate', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${EXAMPLE} ("Inbound SaaS: scoring and BANT hand-off"): no problems.\n`);
  });

  it('lists the errors and warnings of an invalid one, a line each, and exits 1', () => {
    const dir = scratch({ 'broken.json': broken() });
    const r = qualify('validate', join(dir, 'broken.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/: 2 errors, 1 warning\.\n/);
    expect(r.stdout).toMatch(
      /^ {2}error {4}nodes\.2\.data\.rules\.0\.points: .*expected number.* \(step fit, schema\)$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}error {4}The "Next" exit of "SAL" leads nowhere.* \(step stageSal, no_route\)$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}warning {2}No lead can reach "Inbound SDR".* \(step toSales, unreachable\)$/m,
    );
    expect(r.stdout).not.toMatch(NO_STACK);
  });

  it('--json prints the issues as data', () => {
    const dir = scratch({ 'broken.json': broken() });
    const r = qualify('validate', join(dir, 'broken.json'), '--json');
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout);
    expect(issues.map((i: { code: string; severity: string }) => `${i.severity} ${i.code}`)).toEqual([
      'error schema',
      'error no_route',
      'warning unreachable',
    ]);
  });

  it('says what is wrong with a file that is no workflow document: exit 2, no stack trace', () => {
    const dir = scratch({ 'bad.json': '{ "schemaVersion": 2,', 'list.json': [example()] });
    const missing = qualify('validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`qualify validate: ${join(dir, 'nope.json')}: no such file.\n`);
    const notJson = qualify('validate', join(dir, 'bad.json'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`${join(dir, 'bad.json')} is not JSON: `);
    expect(notJson.stderr).not.toMatch(NO_STACK);
    const list = qualify('validate', join(dir, 'list.json'));
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('holds an array; a workflow file holds one JSON object.');
    const folder = qualify('validate', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a folder; give a file.');
  }, 60_000);

  it('finds a document that is an object but not a workflow invalid (exit 1)', () => {
    const dir = scratch({ 'lead.json': { email: 'ann@acme.io' } });
    const r = qualify('validate', join(dir, 'lead.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('schemaVersion: Invalid input: expected 2');
  });
});
