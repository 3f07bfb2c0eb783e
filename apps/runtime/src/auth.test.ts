import { afterEach, describe, expect, it } from 'vitest';
import { KEY_AUDIT, type TestApp, testApp } from './test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function keyFor(role: string): Promise<string> {
  const res = await t.call('POST', '/v1/keys', { name: `${role} key`, role }, bearer(adminKey));
  expect(res.status).toBe(201);
  return res.body.key;
}

let adminKey = '';

describe('local mode', () => {
  it('treats a request without a key as the local admin', async () => {
    t = await testApp({ seed: false });
    expect((await t.call('GET', '/v1/me')).body).toEqual({ role: 'admin', name: 'local', mode: 'local' });
  });

  it('refuses keyless requests from other sites or through another host name', async () => {
    t = await testApp({ seed: false });
    const me = (headers: Record<string, string>) => t.call('GET', '/v1/me', undefined, headers);
    expect((await me({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await me({ host: 'rebound.evil.example:8787' })).status).toBe(403);
    expect((await me({ host: 'localhost:8787', origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await me({ host: '[::1]:8787' })).status).toBe(200);
    // Verdicts are remembered per Host and Origin; a host literally named "undefined" is not a missing one.
    expect((await me({})).status).toBe(200);
    expect((await me({ host: 'undefined' })).status).toBe(403);
  });

  it('tells a keyless request from another site why, without talking of a key it did not send', async () => {
    t = await testApp({ seed: false });
    const page = await t.call('GET', '/v1/me', undefined, { origin: 'https://evil.example' });
    expect(page.status).toBe(403);
    expect(page.body.code).toBe('not_local');
    expect(page.body.title).toBe('Local mode answers only this machine');
    expect(page.body.detail).toContain('"https://evil.example"');
    expect(page.body.detail).toMatch(/Authorization: Bearer .*creates one\)\.$/);
    const rebound = await t.call('GET', '/v1/me', undefined, { host: 'rebound.evil.example:8787' });
    expect(rebound.body.code).toBe('not_local');
    expect(rebound.body.detail).toContain('"rebound.evil.example:8787"');
  });

  it('still refuses a wrong key, so a misconfigured client notices', async () => {
    t = await testApp({ seed: false });
    const res = await t.call('GET', '/v1/me', undefined, bearer('qsk_nope'));
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('unauthorized');
  });
});

describe('keys required', () => {
  it('answers 401 without a key and 403 for a role too low', async () => {
    t = await testApp({ config: { keysRequired: true } });
    const none = await t.call('GET', '/v1/workflows');
    expect(none.status).toBe(401);
    expect(none.body.detail).toMatch(/Bearer/);
    expect((await t.call('GET', '/v1/me', undefined, { authorization: 'Basic abc' })).status).toBe(401);

    // The first admin key comes from the CLI in production; here straight from the store.
    const { newApiKey } = await import('./keys.ts');
    const first = newApiKey('root', 'admin', '2026-01-01T00:00:00Z');
    await t.store.createKey(first.row, KEY_AUDIT);
    adminKey = first.key;

    const evaluator = await keyFor('evaluator');
    const editor = await keyFor('editor');
    const approver = await keyFor('approver');
    expect((await t.call('GET', '/v1/me', undefined, bearer(evaluator))).body).toEqual({
      role: 'evaluator',
      name: 'evaluator key',
      mode: 'key',
    });

    const wf = (await t.call('GET', '/v1/workflows/anum-services', undefined, bearer(evaluator))).body
      .workflow;
    const evaluate = () =>
      t.call('POST', '/v1/workflows/anum-services/evaluate', { lead: {} }, bearer(evaluator));
    expect((await evaluate()).status).toBe(200);

    const create = await t.call('POST', '/v1/workflows', { ...wf, id: 'x' }, bearer(evaluator));
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ code: 'forbidden', requiredRole: 'editor' });
    expect((await t.call('POST', '/v1/workflows', { ...wf, id: 'x' }, bearer(editor))).status).toBe(201);

    expect((await t.call('POST', '/v1/workflows/x/publish', { note: '' }, bearer(editor))).status).toBe(403);
    // With keys required, publishing needs an approved proposal (the default approval rule).
    const proposed = await t.call('POST', '/v1/workflows/x/proposals', { revision: 1 }, bearer(editor));
    const review = `/v1/workflows/x/proposals/${proposed.body.id}/review`;
    expect((await t.call('POST', review, { verdict: 'approve' }, bearer(approver))).status).toBe(200);
    expect((await t.call('POST', '/v1/workflows/x/publish', { note: '' }, bearer(approver))).status).toBe(
      201,
    );
    expect((await t.call('GET', '/v1/keys', undefined, bearer(approver))).status).toBe(403);
  });

  it('lists keys without secrets and forgets a deleted key at once', async () => {
    t = await testApp({ seed: false, config: { keysRequired: true } });
    const { newApiKey } = await import('./keys.ts');
    const first = newApiKey('root', 'admin', '2026-01-01T00:00:00Z');
    await t.store.createKey(first.row, KEY_AUDIT);
    adminKey = first.key;
    const evaluator = await keyFor('evaluator');

    const list = await t.call('GET', '/v1/keys', undefined, bearer(adminKey));
    expect(list.body.items).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(evaluator);
    expect(JSON.stringify(list.body)).not.toMatch(/hash/);
    const id = list.body.items.find((k: { role: string }) => k.role === 'evaluator').id;

    // Used before its deletion, so the app has seen its header: a deleted key still stops at once.
    expect((await t.call('GET', '/v1/me', undefined, bearer(evaluator))).status).toBe(200);
    expect((await t.call('DELETE', `/v1/keys/${id}`, undefined, bearer(adminKey))).status).toBe(204);
    expect((await t.call('GET', '/v1/me', undefined, bearer(evaluator))).status).toBe(401);
    expect((await t.call('DELETE', `/v1/keys/${id}`, undefined, bearer(adminKey))).body.code).toBe(
      'key_not_found',
    );
    expect((await t.call('POST', '/v1/keys', { name: 'x', role: 'root' }, bearer(adminKey))).status).toBe(
      422,
    );
  });

  it('guards every /v1 route the app has: none answers without a key but the API description', async () => {
    t = await testApp({ config: { keysRequired: true } });
    // Read from the app itself, so a route added later without its guard fails here.
    const routes = t.app.routes.filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const path = r.path.replace(':id', 'anum-services').replace(':n', '1');
      const res = await t.app.request(path, {
        method: r.method,
        headers: { 'content-type': 'application/json' },
        body: r.method === 'GET' ? undefined : '{}',
      });
      expect([r.method, r.path, res.status]).toEqual([
        r.method,
        r.path,
        r.path === '/v1/openapi.json' ? 200 : 401,
      ]);
    }
  });

  it('leaves probes, metrics and the API description open', async () => {
    t = await testApp({ seed: false, config: { keysRequired: true } });
    for (const path of ['/healthz', '/readyz', '/metrics', '/v1/openapi.json']) {
      expect((await t.app.request(path)).status).toBe(200);
    }
  });
});
