import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashKey } from './keys.ts';
import { openLowdbStore } from './lowdb-store.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('keys CLI', () => {
  it('creates a key shown once, lists it and deletes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-cli-'));
    const keys = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'apps/runtime/src/cli.ts', ...args], {
        cwd: root,
        // The embedded store, whatever the test run's DATABASE_URL (CI sets one).
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const key = keys('create', '--name', 'ci', '--role', 'evaluator').trim();
    expect(key).toMatch(/^qsk_[\w-]{43}$/);
    const listed = keys('list');
    expect(listed).toContain('evaluator\tci');
    expect(listed).not.toContain(key);

    const { store } = await openLowdbStore({ dir, logger: { info() {}, error() {} } });
    const row = store.findKeyByHash(hashKey(key));
    await store.close();
    expect(row).toMatchObject({ name: 'ci', role: 'evaluator' });

    expect(keys('delete', row!.id)).toContain('deleted');
    expect(keys('list')).toBe('');
    expect(() => keys('create', '--name', 'x', '--role', 'root')).toThrow();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000); // four processes, each starting tsx: slow on a busy machine
});
