import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the CLI's tests run it from there, as `npx qualify` is run. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/qualify.js', import.meta.url));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `qualify` bin as a process from the project root (tests of the CLI as users run it). */
export const qualify = (...args: string[]): Ran => qualifyIn(root, ...args);

/** Runs the `qualify` bin as a process in `cwd`. */
export function qualifyIn(cwd: string, ...args: string[]): Ran {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder with these files (name → text, or a value written as JSON); answers its path. */
export function scratch(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-cli-'));
  for (const [name, value] of Object.entries(files))
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return dir;
}

/** No stack trace: no "    at " frame line and no file:line:column of a source file. */
export const NO_STACK = /^\s+at |\.ts:\d+:\d+/m;
