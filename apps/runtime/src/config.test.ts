import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommitQueue } from './commit-queue.ts';
import { readConfig } from './config.ts';
import { lockDataDir } from './data-lock.ts';

describe('readConfig', () => {
  it('defaults to local mode on loopback with a 1 MiB body limit', () => {
    const c = readConfig({}, '/srv/app', '/studio');
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      dataDir: '/srv/app/data',
      keysRequired: false,
      bodyLimitBytes: 1048576,
      studioDir: '/studio',
      decisionFlushMs: 200,
      authFailuresPerMinute: 30,
      trustProxy: 0,
      slaTickMs: 5000,
      databaseUrl: null,
    });
  });

  it('reads DATABASE_URL as PostgreSQL for every piece of state, and refuses anything else', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/test';
    expect(readConfig({ DATABASE_URL: url }, '/', '').databaseUrl).toBe(url);
    expect(readConfig({ DATABASE_URL: ' ' }, '/', '').databaseUrl).toBeNull();
    expect(readConfig({ DATABASE_URL: url }, '/', '', 6).workers).toBe(6);
    expect(readConfig({ DATABASE_URL: url, WORKERS: '2' }, '/', '', 6).workers).toBe(2);
    expect(readConfig({}, '/', '', 6).workers).toBe(1);
    expect(() => readConfig({ WORKERS: '2' }, '/', '')).toThrow(/WORKERS=2 needs DATABASE_URL/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x@y/z' }, '/', '')).toThrow(
      /DATABASE_URL must be a PostgreSQL URL/,
    );
  });

  it('reads how often the SLA clock ticks, within bounds', () => {
    expect(readConfig({ SLA_TICK_MS: '1000' }, '/', '').slaTickMs).toBe(1000);
    expect(() => readConfig({ SLA_TICK_MS: '10' }, '/', '')).toThrow(
      /SLA_TICK_MS must be a whole number from 100 to 3600000/,
    );
  });

  it('reads the throttle on failed authentications and the proxies in front', () => {
    const c = readConfig({ AUTH_FAILURES_PER_MINUTE: '0', TRUST_PROXY: '1' }, '/', '');
    expect(c).toMatchObject({ authFailuresPerMinute: 0, trustProxy: 1 });
    expect(() => readConfig({ TRUST_PROXY: 'yes' }, '/', '')).toThrow(/TRUST_PROXY must be a whole number/);
  });

  it('reads how webhooks are delivered, with defaults: retried 24 hours, 10 s a try, polled every 500 ms', () => {
    expect(readConfig({}, '/', '').webhooks).toEqual({
      retryHours: 24,
      timeoutMs: 10_000,
      pollMs: 500,
      concurrency: 8,
    });
    const c = readConfig(
      {
        WEBHOOK_RETRY_HOURS: '0.5',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_CONCURRENCY: '2',
      },
      '/',
      '',
    );
    expect(c.webhooks).toEqual({ retryHours: 0.5, timeoutMs: 2000, pollMs: 50, concurrency: 2 });
    expect(() => readConfig({ WEBHOOK_RETRY_HOURS: '-1' }, '/', '')).toThrow(
      /WEBHOOK_RETRY_HOURS must be a number from 0.0001 to 720 \(such as 0.5 or 24\); got "-1"/,
    );
    expect(() => readConfig({ WEBHOOK_RETRY_HOURS: '1e3' }, '/', '')).toThrow(/WEBHOOK_RETRY_HOURS/);
    expect(() => readConfig({ WEBHOOK_TIMEOUT_MS: '10s' }, '/', '')).toThrow(
      /WEBHOOK_TIMEOUT_MS must be a whole number/,
    );
    expect(() => readConfig({ WEBHOOK_CONCURRENCY: '0' }, '/', '')).toThrow(/WEBHOOK_CONCURRENCY/);
  });

  it('keeps everything without RETENTION_DAYS, and reads a number of days within bounds', () => {
    expect(readConfig({}, '/', '').retentionDays).toBeNull();
    expect(readConfig({ RETENTION_DAYS: ' ' }, '/', '').retentionDays).toBeNull();
    expect(readConfig({ RETENTION_DAYS: '365' }, '/', '').retentionDays).toBe(365);
    for (const bad of ['0', '1.5', 'a year', '36501'])
      expect(() => readConfig({ RETENTION_DAYS: bad }, '/', '')).toThrow(
        /RETENTION_DAYS must be a whole number from 1 to 36500/,
      );
  });

  it('requires keys off loopback or when AUTH=required', () => {
    expect(readConfig({ HOST: '0.0.0.0' }, '/', '').keysRequired).toBe(true);
    expect(readConfig({ AUTH: 'required' }, '/', '').keysRequired).toBe(true);
    expect(readConfig({ HOST: '::1' }, '/', '').keysRequired).toBe(false);
  });

  it('explains a bad setting', () => {
    expect(() => readConfig({ PORT: 'eighty' }, '/', '')).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ AUTH: 'off' }, '/', '')).toThrow(/AUTH must be "auto" or "required"/);
  });
});

describe('lockDataDir', () => {
  it('refuses a folder held by a live process and takes over from a dead one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-lock-'));
    const release = lockDataDir(dir, 111, () => true);
    expect(() => lockDataDir(dir, 222, () => true)).toThrow(/in use by process 111/);
    const takeover = lockDataDir(dir, 222, () => false);
    expect(readFileSync(join(dir, 'runtime.lock'), 'utf8')).toBe('222');
    release();
    takeover();
    expect(() => readFileSync(join(dir, 'runtime.lock'))).toThrow();
    rmSync(dir, { recursive: true });
  });
});

describe('CommitQueue', () => {
  it('acknowledges each change only after a write that started after it, one write at a time', async () => {
    let state = 0;
    let running = 0;
    const written: number[] = [];
    const q = new CommitQueue(async () => {
      expect(++running).toBe(1);
      const snapshot = state;
      await new Promise((r) => setTimeout(r, 5));
      written.push(snapshot);
      running--;
    });
    const acks = Array.from({ length: 20 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i));
      state = i + 1;
      const mine = state;
      await q.commit();
      expect(written.at(-1)).toBeGreaterThanOrEqual(mine);
    });
    await Promise.all(acks);
    expect(written.length).toBeLessThan(20);
    expect(written.at(-1)).toBe(20);
  });
});
