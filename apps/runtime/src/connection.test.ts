import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './test-server.ts';

let dir = '';
let server: RunningServer;
let port = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qualify-connection-'));
  server = await startServer({ DATA_DIR: dir, BODY_LIMIT_BYTES: '4096', AUTH_FAILURES_PER_MINUTE: '3' });
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

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Which connection carried it: the agent's sockets numbered in order of use. */
  socket: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const sockets = new WeakMap<object, number>();
let opened = 0;

/** A request through the keep-alive agent; an upload is streamed (chunked) in 16 KiB pieces. */
function send(method: string, path: string, type?: string, pieces?: Buffer[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let socket = 0;
    const req = request(
      { port, method, path, agent, headers: type ? { 'content-type': type } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => {
          text += s;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, socket }));
      },
    );
    req.on('socket', (s) => {
      if (!sockets.has(s)) sockets.set(s, ++opened);
      socket = sockets.get(s)!;
    });
    // The server stops reading early on purpose; the rest of the upload may then fail to send.
    req.on('error', (e) => (socket ? undefined : reject(e)));
    if (pieces) Readable.from(pieces).pipe(req);
    else req.end();
  });
}

const piece = Buffer.alloc(16 * 1024, 'a');
const many = (n: number) => Array.from({ length: n }, () => piece);

describe('an upload the server stops reading early', () => {
  it('is answered with Connection: close, and the next request goes out on a new connection', async () => {
    const warm = await send('GET', '/healthz');
    expect(warm.headers.connection).toBe('keep-alive');
    // Each stop is found before the answer starts, so it is a problem answer with its own headers.
    const backtest = '/v1/workflows/anum-services/backtest?outcome=won';
    const stops: [string, string, Buffer[], number, string][] = [
      [
        '/v1/workflows/anum-services/evaluate',
        'application/json',
        [Buffer.from('{"lead":{"note":"'), ...many(64)],
        413,
        'body_too_large',
      ],
      [backtest, 'text/csv', [Buffer.from('email,"'), ...many(64)], 413, 'line_too_large'],
      [backtest, 'text/csv', [Buffer.from('email,w\xffn\n', 'latin1'), ...many(64)], 400, 'not_utf8'],
      ['/v1/no-such-route', 'text/csv', many(64), 404, 'not_found'],
    ];
    let last = warm.socket;
    for (const [path, type, pieces, status, code] of stops) {
      const stopped = await send('POST', path, type, pieces);
      expect([path, stopped.status, JSON.parse(stopped.text).code]).toEqual([path, status, code]);
      expect(stopped.headers.connection).toBe('close');
      const next = await send('GET', '/healthz');
      expect(next.status).toBe(200);
      expect(next.socket).toBeGreaterThan(last);
      last = next.socket;
    }
  });

  it('keeps the connection when the whole request arrived, even if it was refused', async () => {
    const refused = await send('POST', '/v1/workflows/nope/evaluate', 'application/json', [
      Buffer.from('{"lead":{}}'),
    ]);
    expect(refused.status).toBe(404);
    expect(refused.headers.connection).toBe('keep-alive');
    expect((await send('GET', '/healthz')).socket).toBe(refused.socket);
  });
});

describe('failed authentications on the real server', () => {
  it('are throttled per socket address, with Retry-After, and keyless local requests go on', async () => {
    const me = (key: string) => fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 3; i++) expect((await me(`qsk_guess${i}`)).status).toBe(401);
    const refused = await me('qsk_guess3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await refused.json()).code).toBe('too_many_failed_auth');
    expect((await fetch(`${server.url}/v1/me`)).status).toBe(200);
    expect(await metrics()).toMatch(/^auth_throttled_addresses 1$/m);
  });
});
