import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './test-server.ts';

let dir = '';
let server: RunningServer | undefined;
afterEach(() => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const send = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

describe('the real server', () => {
  it('keeps every acknowledged write through SIGKILL at random moments', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qualify-crash-'));
    const acked = new Map<string, { revision: number; name: string }>();
    const template = (await (async () => {
      server = await startServer({ DATA_DIR: dir });
      return (await send(server.url, 'GET', '/v1/workflows/anum-services')).body.workflow;
    })()) as Record<string, unknown>;

    for (let round = 0; round < 4; round++) {
      if (round > 0) server = await startServer({ DATA_DIR: dir });
      const base = server!.url;
      for (const [id, want] of acked) {
        const got = (await send(base, 'GET', `/v1/workflows/${id}`)).body;
        expect(got.revision, id).toBeGreaterThanOrEqual(want.revision);
        if (got.revision === want.revision) expect(got.name).toBe(want.name);
      }
      expect((await send(base, 'GET', '/readyz')).status).toBe(200);

      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const id = `crash-${round}-${w}-${i}`;
          try {
            const created = await send(base, 'POST', '/v1/workflows', { ...template, id, name: `${id} r1` });
            if (created.status !== 201) throw new Error(JSON.stringify(created.body));
            acked.set(id, { revision: 1, name: `${id} r1` });
            for (let r = 1; r < 4 && !stop; r++) {
              const name = `${id} r${r + 1}`;
              const saved = await send(base, 'PUT', `/v1/workflows/${id}`, {
                workflow: { ...template, id, name },
                revision: r,
              });
              if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
              acked.set(id, { revision: r + 1, name });
            }
          } catch (e) {
            if (!stop) throw e;
          }
        }
      };
      const workers = [0, 1, 2].map(worker);
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
      server!.child.kill('SIGKILL');
      stop = true;
      await Promise.allSettled(workers);
      await server!.exited;
    }
    expect(acked.size).toBeGreaterThan(10);
    server = await startServer({ DATA_DIR: dir });
    const listed = new Set(
      (await send(server.url, 'GET', '/v1/workflows')).body.items.map((w: { id: string }) => w.id),
    );
    for (const id of acked.keys()) expect(listed.has(id), id).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // Five real servers start under tsx: 12 s on a quiet machine, past 30 s beside the rest of the suite.
  }, 120_000);

  it('on SIGTERM finishes the request in flight, flushes the decision log and exits 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qualify-stop-'));
    server = await startServer({ DATA_DIR: dir, DECISION_FLUSH_MS: '60000' });
    const big = JSON.stringify({ lead: { note: 'x'.repeat(2 * 1024 * 1024) } });
    const declared = await fetch(`${server.url}/v1/workflows/anum-services/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    const chunked = await fetch(`${server.url}/v1/workflows/anum-services/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).code).toBe('body_too_large');
    const { port } = new URL(server.url);
    const answer = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          port,
          method: 'POST',
          path: '/v1/workflows/anum-services/evaluate/batch',
          headers: { 'content-type': 'application/x-ndjson' },
        },
        (res) => {
          let text = '';
          res.on('data', (b) => {
            text += b;
          });
          res.on('end', () => resolve(text));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 50; i++) req.write(`{"id":"before-${i}"}\n`);
      setTimeout(() => {
        server!.child.kill('SIGTERM');
        setTimeout(() => {
          for (let i = 0; i < 50; i++) req.write(`{"id":"after-${i}"}\n`);
          req.end();
        }, 300);
      }, 300);
    });
    const lines = (await answer)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(100);
    expect(lines.every((l) => l.decisionId)).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');

    const logged = readdirSync(join(dir, 'decisions'))
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) =>
        readFileSync(join(dir, 'decisions', f), 'utf8')
          .trim()
          .split('\n'),
      )
      .map((l) => JSON.parse(l).decisionId);
    expect(new Set(logged)).toEqual(new Set(lines.map((l) => l.decisionId)));
    expect(readdirSync(dir)).not.toContain('runtime.lock');
  }, 20_000);
});
