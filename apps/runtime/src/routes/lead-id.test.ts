// The catalogue's lead-id field fills the decision log's leadId, for single, batch and backtest rows;
// values that mean missing ("Select") are missing, not answers and not data issues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjsonLines, type TestApp, testApp } from '../test-app.ts';

const now = '2026-03-02T09:00:00Z';

/** A catalogue as a CRM export of web leads has it: the prospect id column is the lead's id. */
function webLeads(id: string, idField: Record<string, unknown> = { leadId: true }) {
  return {
    schemaVersion: 2,
    id,
    name: 'Web leads',
    fields: [
      { path: 'prospectId', label: 'Prospect ID', type: 'string', ...idField },
      { path: 'email', label: 'E-mail', type: 'string' },
      {
        path: 'leadSource',
        label: 'Lead Source',
        type: 'enum',
        values: ['Google', 'Direct Traffic', 'Olark Chat'],
      },
      { path: 'specialization', label: 'Specialization', type: 'string' },
    ],
    nodes: [
      { id: 'start', kind: 'start', data: {} },
      {
        id: 'fit',
        kind: 'score',
        data: {
          scoreType: 'fit',
          cap: null,
          rules: [
            {
              id: 'google',
              label: 'Came through Google',
              condition: { type: 'compare', field: 'leadSource', op: 'eq', value: 'Google' },
              points: 10,
            },
            {
              id: 'known',
              label: 'Told us a specialization',
              condition: { type: 'compare', field: 'specialization', op: 'present' },
              points: 5,
            },
          ],
        },
      },
      { id: 'out', kind: 'route', data: { to: 'nurture', track: 'Newsletter' } },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'fit', port: 'next' },
      { id: 'e2', from: 'fit', to: 'out', port: 'next' },
    ],
  };
}

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ seed: false });
  for (const [id, idField] of [
    ['web', { leadId: true }],
    ['plain', {}],
  ] as const) {
    expect((await t.call('POST', '/v1/workflows', webLeads(id, idField))).status).toBe(201);
    expect((await t.call('POST', `/v1/workflows/${id}/publish`, { note: 'first' })).status).toBe(201);
  }
});
afterAll(() => t.close());

const logged = async (workflow: string) =>
  (await t.call('GET', `/v1/decisions?workflow=${workflow}&limit=500`)).body.items as {
    leadId: string | null;
    email: string | null;
  }[];

describe('the lead id in the decision log', () => {
  it('is the marked field, as the lead wrote it, on a single evaluation', async () => {
    const res = await t.call('POST', '/v1/workflows/web/evaluate', {
      lead: { prospectId: ' 7927B2DF-8BBA ', id: 'crm-1', email: 'ann@acme.io' },
      now,
    });
    expect(res.status).toBe(200);
    const [entry] = await logged('web');
    expect(entry).toMatchObject({ leadId: '7927B2DF-8BBA', email: 'ann@acme.io' });
  });

  it("falls back to the lead's id when the marked field is blank, and is the id without a mark", async () => {
    await t.call('POST', '/v1/workflows/web/evaluate', { lead: { prospectId: '  ', id: 42 }, now });
    expect((await logged('web'))[0]!.leadId).toBe('42');
    await t.call('POST', '/v1/workflows/plain/evaluate', { lead: { prospectId: 'p-1', id: 'crm-2' }, now });
    expect((await logged('plain'))[0]!.leadId).toBe('crm-2');
  });

  it('fills from a "Prospect ID" column of a CSV batch, and from NDJSON items', async () => {
    const csv = [
      'Prospect ID,Lead Source,Specialization,email',
      '7927b2df-1,Google,Select,ann@acme.io',
      '2a272436-2,Select,Finance Management,bob@acme.io',
    ].join('\n');
    const res = await t.app.request(`/v1/workflows/web/evaluate/batch?now=${now}&view=summary`, {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    const [header, ...out] = ndjsonLines(await res.text());
    expect(header.mapping).toMatchObject({ 'Prospect ID': 'prospectId', 'Lead Source': 'leadSource' });
    // "Select" is missing: no points for a specialization, no data issue for the lead source.
    expect(out.map((o) => [o.score.total, o.dataIssues])).toEqual([
      [10, []],
      [5, []],
    ]);
    const ndjson = `${JSON.stringify({ prospectId: 'nd-3', leadSource: 'Olark Chat' })}\n`;
    // Read to its end: a lead with a lead id is decided once its stored state has been read.
    const nd = await t.app.request(`/v1/workflows/web/evaluate/batch?now=${now}`, {
      method: 'POST',
      body: ndjson,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    await nd.text();
    expect((await logged('web')).slice(0, 3).map((e) => e.leadId)).toEqual([
      'nd-3',
      '2a272436-2',
      '7927b2df-1',
    ]);
  });

  it('comes with each backtest row', async () => {
    const csv = ['Prospect ID,Lead Source,Converted', 'bt-1,Google,1', ',Direct Traffic,0'].join('\n');
    const res = await t.app.request(
      `/v1/workflows/web/backtest?outcome=Converted&now=${now}&versions=live&rows=true`,
      { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } },
    );
    const rows = ndjsonLines(await res.text()).filter((l) => l.type === 'row');
    expect(rows.map((r) => [r.line, r.leadId])).toEqual([
      [2, 'bt-1'],
      [3, null],
    ]);
  });
});

describe('catalogue checks through the API', () => {
  it('refuses to publish two lead-id fields', async () => {
    const doc = webLeads('two-ids');
    await t.call('POST', '/v1/workflows', {
      ...doc,
      fields: doc.fields.map((f, i) => (i === 1 ? { ...f, leadId: true } : f)),
    });
    const res = await t.call('POST', '/v1/workflows/two-ids/publish', { note: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.issues).toContainEqual(
      expect.objectContaining({ code: 'several_lead_ids', path: 'fields.1.leadId' }),
    );
  });

  it('still takes a draft written as schema version 1, read without values that mean missing', async () => {
    const { schemaVersion: _, ...doc } = webLeads('old');
    expect((await t.call('POST', '/v1/workflows', { ...doc, schemaVersion: 1 })).status).toBe(201);
    expect((await t.call('POST', '/v1/workflows/old/validate')).body).toEqual({ issues: [] });
    const d = await t.call('POST', '/v1/workflows/old/draft/evaluate', {
      lead: { specialization: 'Select' },
      now,
    });
    expect(d.body.score.total).toBe(5);
  });
});
