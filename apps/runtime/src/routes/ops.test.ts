import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
let studio: string;
beforeAll(async () => {
  studio = mkdtempSync(join(tmpdir(), 'qualify-studio-'));
  mkdirSync(join(studio, 'assets'));
  writeFileSync(join(studio, 'index.html'), '<!doctype html><title>Qualify Studio</title>');
  writeFileSync(join(studio, 'assets', 'app.js'), 'console.log(1)');
  t = await testApp({ config: { studioDir: studio } });
});
afterAll(async () => {
  await t.close();
  rmSync(studio, { recursive: true, force: true });
});

describe('operations', () => {
  it('answers health and readiness', async () => {
    expect((await t.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.call('GET', '/readyz')).body).toMatchObject({
      status: 'ready',
      workflows: loadExamples().length,
    });
  });

  it('exposes evaluation counters and a latency histogram', async () => {
    await t.call('POST', '/v1/workflows/anum-services/evaluate', { lead: {} });
    const res = await t.app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/evaluations_total\{workflow="anum-services",route="\w+"\} 1/);
    expect(text).toMatch(/evaluation_duration_seconds_bucket\{le="\+Inf"\} 1/);
    expect(text).toContain('evaluation_duration_seconds_count 1');
    // After a flush nothing waits for the disk, and nothing was dropped.
    await t.store.flush();
    const after = await (await t.app.request('/metrics')).text();
    expect(after).toMatch(/^decisions_unwritten 0$/m);
    expect(after).toMatch(/^# TYPE decisions_dropped_total counter\ndecisions_dropped_total 0$/m);
  });

  it('describes the API as OpenAPI from the zod schemas', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/workflows/{id}/evaluate/batch');
    expect(Object.keys(doc.paths['/v1/workflows/{id}/challenger'])).toEqual(['get', 'put', 'delete']);
    expect(doc.components.schemas.Diff.properties.changes.items).toEqual({
      $ref: '#/components/schemas/Change',
    });
    expect(Object.keys(doc.paths['/v1/workflows/{id}/diff/impact'].post.requestBody.content)).toContain(
      'text/csv',
    );
    expect(
      doc.paths['/v1/workflows/{id}/shadow/report'].get.responses['200'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/ShadowReport',
    });
    const put = doc.paths['/v1/workflows/{id}'].put;
    expect(put.requestBody.content['application/json'].schema.required).toEqual(['workflow', 'revision']);
    expect(doc.components.schemas.Workflow.properties.nodes.type).toBe('array');
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(
      expect.arrayContaining(['too_many_failed_auth', 'not_local', 'nothing_to_publish']),
    );
    expect(put.responses['429'].headers['Retry-After'].schema.type).toBe('integer');
    const erase = doc.paths['/v1/leads/{leadId}'].delete;
    expect(erase.description).toBe('Needs the admin role or above.');
    expect(erase.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Erasure',
    });
    expect(doc.components.schemas.ErasedCounts.required).toContain('deliveriesCancelled');
    expect(Object.keys(doc.paths['/v1/ops'])).toEqual(['get']);
    // Every reference resolves inside the document.
    for (const [, name] of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas[name!], name).toBeDefined();
    }
  });

  it('serves the studio with a fallback to index.html, but never for API paths', async () => {
    const js = await t.app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    for (const path of ['/', '/workflows/anum-services/edit']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Qualify Studio');
    }
    const api = await t.app.request('/v1/unknown');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.app.request('/../../etc/passwd')).status).not.toBe(500);
  });
});
