import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A runtime that requires API keys (AUTH=required), started beside the suite's own: the studio asks
 * for a key, refuses a wrong one, and works with one made by the keys command.
 */
const PORT = 8791;
const url = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'qualify-auth-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), AUTH: 'required', HOST: '127.0.0.1' };
let server: ChildProcess;
let adminKey = '';

test.beforeAll(async () => {
  adminKey = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'apps/runtime/src/cli.ts', 'create', '--name', 'browser-test', '--role', 'admin'],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  ).trim();
  server = spawn(process.execPath, ['--import', 'tsx', 'apps/runtime/src/server.ts'], {
    env,
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the AUTH=required runtime did not start');
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test('a runtime that requires keys: 401 without one, the studio asks, a wrong key is refused', async ({
  page,
  request,
}) => {
  const bare = await request.get(`${url}/v1/workflows`);
  expect(bare.status()).toBe(401);
  expect(bare.headers()['content-type']).toContain('application/problem+json');
  expect((await bare.json()).code).toBe('unauthorized');

  await page.goto(url);
  const dialog = page.getByRole('dialog', { name: 'API key needed' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('API key', { exact: true }).fill('not-a-key');
  await dialog.getByRole('button', { name: 'Use this key' }).click();
  await expect(page.getByRole('dialog', { name: 'API key needed' })).toBeVisible();

  await page.getByLabel('API key', { exact: true }).fill(adminKey);
  await page.getByRole('button', { name: 'Use this key' }).click();
  await expect(page.getByText('Inbound SaaS: scoring and BANT hand-off')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
