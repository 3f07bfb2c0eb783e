import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root, scratch } from './testing.ts';

const EXAMPLE = 'examples/anum-services.workflow.json';
const example = () => JSON.parse(readFileSync(join(root, EXAMPLE), 'utf8'));

describe('qualify compile', () => {
  it('prints the artifact publishing makes', () => {
    const r = qualify('compile', EXAMPLE);
    expect(r.code).toBe(0);
    const artifact = JSON.parse(r.stdout);
    expect(artifact.format).toBe('qualify-artifact/1');
    expect(artifact).toEqual(JSON.parse(JSON.stringify(compile(example()))));
  });

  it('-o writes it to a file and says so on stderr', () => {
    const dir = scratch({});
    const out = join(dir, 'artifact.json');
    const r = qualify('compile', EXAMPLE, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Wrote the artifact of ${EXAMPLE} to ${out}.\n`);
    expect(JSON.parse(readFileSync(out, 'utf8')).workflow.id).toBe('anum-services');
  });

  it('refuses an invalid workflow with its errors on stderr (exit 1) and writes nothing', () => {
    const w = example();
    w.nodes = w.nodes.filter((n: { kind: string }) => n.kind !== 'start');
    const dir = scratch({ 'w.json': w });
    const out = join(dir, 'artifact.json');
    const r = qualify('compile', join(dir, 'w.json'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/is not a valid workflow: \d+ errors?\.\n {2}error /);
    expect(r.stderr).toContain('Run `qualify validate');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(existsSync(out)).toBe(false);
  });

  it('says when the output cannot be written (exit 2)', () => {
    const dir = scratch({});
    const r = qualify('compile', EXAMPLE, '-o', join(dir, 'no', 'such', 'folder', 'a.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be written: ENOENT');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
