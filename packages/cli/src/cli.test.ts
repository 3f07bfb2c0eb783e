import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NO_STACK, qualify, root } from './testing.ts';

const COMMAND_NAMES = ['validate', 'compile', 'evaluate', 'test', 'diff'];

describe('qualify --help', () => {
  it('lists every command with a line about it and the exit codes', () => {
    const r = qualify('--help');
    expect(r.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(r.stdout).toContain('Exit codes: 0');
    expect(r.stderr).toBe('');
  });

  it('is what `npx qualify` from the project root answers (the bin is linked by the workspace)', () => {
    const r = spawnSync('npx', ['--no-install', 'qualify', '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(qualify('--help').stdout);
  });

  it('is printed, with exit code 2, when no command is given', () => {
    const r = qualify();
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: qualify <command>');
  });

  it.each(COMMAND_NAMES)('%s --help gives its usage, options and exit codes', (name) => {
    const r = qualify(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: qualify ${name} <`, 'm'));
    expect(r.stdout).toContain('Exit code: 0');
  });

  it('-h and `qualify help <command>` are the same help', () => {
    const help = qualify('compile', '--help').stdout;
    expect(qualify('compile', '-h').stdout).toBe(help);
    expect(qualify('help', 'compile').stdout).toBe(help);
  });
});

describe('usage errors: exit code 2, a message and the usage, no stack trace', () => {
  it('an unknown command', () => {
    const r = qualify('publish', 'x.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"publish" is not a command');
    expect(r.stderr).toContain('qualify --help');
  });

  it('an unknown option', () => {
    const r = qualify('validate', 'examples/bant-inbound-saas.workflow.json', '--strict');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--strict'");
    expect(r.stderr).toContain('Usage: qualify validate <workflow.json>');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('a missing or extra argument', () => {
    const missing = qualify('evaluate', 'examples/bant-inbound-saas.workflow.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('evaluate takes 2 arguments; got 1.');
    const extra = qualify('compile', 'a.json', 'b.json');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('compile takes 1 argument; got 2.');
  });

  it('an option without its value', () => {
    const r = qualify('compile', 'examples/bant-inbound-saas.workflow.json', '-o');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Option '-o, --out <value>' argument missing");
  });
});
