import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './test-server.ts';

let dir = '';
let server: RunningServer;
let port = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qualify-connection-'));
  server = await startServer({ DATA_DIR: dir, BODY_LIMIT_BYTES: '4096' });
  port = new URL(server.url).port;
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
});

const metrics = async () => (await fetch(`${server.url}/metrics`)).text();

/** Polls /metrics until `pattern` shows: the server counts an abort when it notices the hang-up. */
async function metricsMatching(pattern: RegExp): Promise<string> {
  for (;;) {
    const text = await metrics();
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Starts an upload, sends its first bytes once the server has taken the request (100 Continue:
 * Node's server answers it as it hands the request to the app), then hangs up.
 */
function abortUpload(path: string, type: string, first: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request({
      port,
      method: 'POST',
      path,
      headers: { 'content-type': type, expect: '100-continue' },
    });
    req.on('error', () => resolve());
    req.on('continue', () => {
      req.write(first, () => req.destroy());
    });
  });
}

describe('a client that hangs up mid-upload', () => {
  it('is counted as an aborted request, not logged or counted as an internal error', async () => {
    const before = await metrics();
    expect(before).toMatch(/^http_requests_aborted_total 0$/m);
    const uploads: [string, string, string][] = [
      ['/v1/workflows/anum-services/evaluate', 'application/json', '{"lead":{"email":"a'],
      ['/v1/workflows/anum-services/evaluate/batch', 'application/x-ndjson', '{"email":"a'],
      ['/v1/workflows/anum-services/evaluate/batch', 'text/csv', 'email,budget\na@b.c,'],
      ['/v1/workflows/anum-services/backtest?outcome=won', 'text/csv', 'email,bud'],
      ['/v1/workflows/anum-services/backtest?outcome=won', 'application/x-ndjson', '{"email":'],
    ];
    for (const [path, type, first] of uploads) await abortUpload(path, type, first);
    const after = await metricsMatching(/^http_requests_aborted_total 5$/m);
    expect(after).not.toMatch(/http_errors_total\{code="internal"/);
    expect(server.output()).not.toContain('unexpected error');
    expect(server.output()).not.toContain('"level":"error"');
  });
});
