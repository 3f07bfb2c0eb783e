import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the built studio served by the real runtime, on a fixed port with a
 * fresh data folder per run (the runtime seeds it with the example workflows).
 */
const PORT = Number(process.env.STUDIO_TEST_PORT ?? 8790);
// Workers load this file too; the env var keeps them on the folder the main process made.
process.env.QS_TEST_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'qualify-browser-'));

export default defineConfig({
  testDir: 'tests/browser',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/browser',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npm run build -w @qualify/studio && node --import tsx apps/runtime/src/server.ts',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // A fast SLA clock and deliverer, so handoff.spec.ts sees breaches and deliveries within seconds.
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.QS_TEST_DATA_DIR,
      // The embedded store in that fresh folder, even where DATABASE_URL is set (CI sets it for the
      // PostgreSQL suites): the database's default schema outlives the run, and a second run on the
      // same server would find the first one's workflows beside the seeded examples.
      DATABASE_URL: '',
      SLA_TICK_MS: '300',
      WEBHOOK_POLL_MS: '100',
    },
  },
});
