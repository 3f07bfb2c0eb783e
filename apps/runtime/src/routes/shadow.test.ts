// Shadow runs through HTTP: a challenger evaluates every live evaluation of its workflow (single and
// batch) after the answer, logs apart, and causes no side effect; its report equals a recount.
import { compile, evaluate, type Stage, type WorkflowInput } from '@qualify/rules';
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { ndjsonLines, type TestApp, testApp } from '../test-app.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

type Rule = { id: string; field: string; op: string; value: unknown; points: number };

/** The hand-off workflow with these fit rules and this sales threshold. */
function workflow(rules: Rule[], salesMin: number) {
  const w = handoffWorkflow('shadow');
  w.fields.push(
    { path: 'visits', label: 'Visits', type: 'number' },
    { path: 'demo', label: 'Demo booked', type: 'boolean' },
  );
  const fit = w.nodes.find((n) => n.id === 'fit')!;
  (fit as { data: unknown }).data = {
    scoreType: 'fit',
    cap: null,
    rules: rules.map((r) => ({
      id: r.id,
      label: r.id,
      condition: { type: 'compare', field: r.field, op: r.op, value: r.value },
      points: r.points,
    })),
  };
  w.nodes.find((n) => n.id === 'tiers')!.data = {
    on: 'total',
    tiers: [{ id: 'sql', label: 'Sales ready', min: salesMin }],
    elseLabel: 'Not yet',
  };
  return w;
}

const hot = { id: 'hot', field: 'hot', op: 'eq', value: true, points: 60 };
/** Live (version 1): hot 60, five visits 20; sales from 50. */
const LIVE = workflow([hot, { id: 'visits', field: 'visits', op: 'gte', value: 5, points: 20 }], 50);
/**
 * Challenger (version 2): visits count 30, a booked demo 50, sales from 70: a hot lead alone now goes
 * to nurture, and a lead with a demo and visits (nurtured live) now goes to sales.
 */
const CHALLENGER = workflow(
  [
    hot,
    { id: 'visits', field: 'visits', op: 'gte', value: 5, points: 30 },
    { id: 'demo', field: 'demo', op: 'eq', value: true, points: 50 },
  ],
  70,
);

/** A repeatable stream of leads with lead ids: every mix of hot, visits and demo, some with a CRM stage. */
function leads(n: number, prefix: string) {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, (_, i) => ({
    leadId: `${prefix}-${i}`,
    hot: rnd() < 0.4,
    visits: Math.floor(rnd() * 10),
    demo: rnd() < 0.3,
    ...(rnd() < 0.1 ? { crmStage: 'SAL' } : {}),
  }));
}

type Lead = ReturnType<typeof leads>[number];
const MONDAY = Date.parse('2026-03-02T10:00:00Z');

async function setup(withChallenger: boolean): Promise<TestApp> {
  const t = await testApp({ seed: false });
  apps.push(t);
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
  expect(
    (
      await t.call('POST', '/v1/subscriptions', {
        url: 'https://crm.example.com/hook',
        events: ['decision', 'assigned', 'stage.changed'],
      })
    ).status,
  ).toBe(201);
  expect((await t.call('POST', '/v1/workflows', LIVE)).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/shadow/publish', { note: 'live' })).status).toBe(201);
  const saved = await t.call('PUT', '/v1/workflows/shadow', { workflow: CHALLENGER, revision: 1 });
  expect(saved.status).toBe(200);
  expect((await t.call('POST', '/v1/workflows/shadow/publish', { note: 'candidate' })).status).toBe(201);
  expect((await t.call('PUT', '/v1/workflows/shadow/live', { version: 1 })).status).toBe(200);
  if (withChallenger) {
    const started = await t.call('PUT', '/v1/workflows/shadow/challenger', { version: 2 });
    expect(started.status).toBe(200);
    expect(started.body.challenger).toMatchObject({
      id: 'c1',
      source: { kind: 'version', version: 2 },
      label: 'Version 2',
      startedBy: 'local',
    });
  }
  return t;
}

interface Sent {
  lead: Lead;
  now: number;
  /** The stage the runtime kept for the lead id before this evaluation, as earlier answers said. */
  stored: Stage | undefined;
  decisionId: string;
}

/**
 * The same stream into an app: 150 leads one by one, 150 in two batches, then 40 of them again one by
 * one a day later, cooled down (not hot), so the stored stage matters. Returns what was sent.
 */
async function stream(t: TestApp): Promise<Sent[]> {
  const sent: Sent[] = [];
  const stages = new Map<string, Stage>();
  const one = async (lead: Lead, now: number) => {
    const res = await t.call('POST', '/v1/workflows/shadow/evaluate', {
      lead,
      now: new Date(now).toISOString(),
    });
    expect(res.status).toBe(200);
    sent.push({ lead, now, stored: stages.get(lead.leadId), decisionId: res.body.decisionId });
    stages.set(lead.leadId, res.body.handoff.stage);
  };
  const all = leads(300, 'L');
  for (const [i, lead] of all.slice(0, 150).entries()) await one(lead, MONDAY + i * 60_000);
  for (const part of [all.slice(150, 220), all.slice(220)]) {
    const now = MONDAY + 3 * 3_600_000;
    const body = part.map((l) => JSON.stringify(l)).join('\n');
    const res = await t.app.request(
      `/v1/workflows/shadow/evaluate/batch?now=${new Date(now).toISOString()}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body,
      },
    );
    expect(res.status).toBe(200);
    const lines = ndjsonLines(await res.text());
    expect(lines).toHaveLength(part.length);
    lines.forEach((line, k) => {
      const lead = part[k]!;
      sent.push({ lead, now, stored: stages.get(lead.leadId), decisionId: line.decisionId });
      stages.set(lead.leadId, line.handoff.stage);
    });
  }
  for (const [i, lead] of all.slice(0, 40).entries())
    await one({ ...lead, hot: false }, MONDAY + 86_400_000 + i * 1000);
  return sent;
}

const label = (r: { kind: string; target: string } | null) =>
  r === null ? 'No route' : `${r.kind[0]!.toUpperCase()}${r.kind.slice(1)} (${r.target})`;

/** The report's counts, made again here from the leads sent: each evaluated against both workflows. */
function recount(sent: Sent[]) {
  const live = compile(LIVE as WorkflowInput);
  const challenger = compile(CHALLENGER as WorkflowInput);
  let agreed = 0;
  const routeMoves = new Map<string, number>();
  const stageMoves = new Map<string, number>();
  const examples = new Map<string, Set<string>>();
  const scores: [number, number][] = [];
  for (const s of sent) {
    const options = s.stored ? { now: s.now, currentStage: s.stored } : { now: s.now };
    const a = evaluate(live, s.lead, options);
    const b = evaluate(challenger, s.lead, options);
    const [ra, rb] = [label(a.route), label(b.route)];
    if (ra === rb && a.stage === b.stage) agreed++;
    if (ra !== rb) routeMoves.set(`${ra} → ${rb}`, (routeMoves.get(`${ra} → ${rb}`) ?? 0) + 1);
    if (a.stage !== b.stage)
      stageMoves.set(`${a.stage} → ${b.stage}`, (stageMoves.get(`${a.stage} → ${b.stage}`) ?? 0) + 1);
    examples.set(s.lead.leadId, (examples.get(s.lead.leadId) ?? new Set()).add(`${ra} → ${rb}`));
    scores.push([a.score.total, b.score.total]);
  }
  return { agreed, routeMoves, stageMoves, examples, scores };
}

const moves = (ms: { from: string; to: string; count: number }[]) =>
  new Map(ms.map((m) => [`${m.from} → ${m.to}`, m.count]));

/** What the evaluations left behind: lead state, owners, SLA timers, the outbox, pool counters, decisions. */
async function effects(t: TestApp, ids: string[]) {
  const leadsNow = [];
  for (const id of ids) {
    const res = await t.call('GET', `/v1/leads/${id}`);
    leadsNow.push(
      res.status === 200
        ? { id, stage: res.body.stage, owner: res.body.owner?.id ?? null }
        : { id, status: res.status },
    );
  }
  const deliveries: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.call('GET', `/v1/deliveries?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    deliveries.push(
      ...page.body.items.map((d: { eventType: string; leadId: string }) => `${d.leadId} ${d.eventType}`),
    );
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  const sla = await t.call('GET', '/v1/sla?limit=500');
  const pool = await t.call('GET', '/v1/team/pools/emea');
  const decisions = await t.call('GET', '/v1/decisions?workflow=shadow&limit=500');
  return {
    leads: leadsNow,
    deliveries: deliveries.sort(),
    sla: sla.body.items
      .map((s: { leadId: string; owner: { id: string } }) => `${s.leadId} ${s.owner?.id}`)
      .sort(),
    pool: pool.body.reps.map((r: { id: string; assignedToday: number }) => [r.id, r.assignedToday]),
    decisions: decisions.body.items.length,
  };
}

describe('shadow runs', () => {
  it('report the same counts as an independent recount, and the challenger causes no delivery and no assignment', async () => {
    const shadowed = await setup(true);
    const plain = await setup(false);
    const sent = await stream(shadowed);
    const sentPlain = await stream(plain);
    expect(sentPlain.map((s) => s.stored)).toEqual(sent.map((s) => s.stored));

    const report = await shadowed.call('GET', '/v1/workflows/shadow/shadow/report');
    expect(report.status).toBe(200);
    const r = report.body;
    const expected = recount(sent);
    expect(r.challenger).toMatchObject({ id: 'c1', label: 'Version 2', running: true });
    expect(r.evaluations).toBe(sent.length);
    expect(r.agreed).toBe(expected.agreed);
    expect(r.agreementRate).toBeCloseTo(expected.agreed / sent.length, 12);
    expect(moves(r.routeMoves)).toEqual(expected.routeMoves);
    expect(moves(r.stageMoves)).toEqual(expected.stageMoves);
    // The stream has moves both ways, so each side's effects below would show.
    expect(expected.routeMoves.get('Sales (SDR team) → Nurture (Newsletter)')).toBeGreaterThan(10);
    expect(expected.routeMoves.get('Nurture (Newsletter) → Sales (SDR team)')).toBeGreaterThan(10);
    for (const m of r.routeMoves) {
      for (const id of m.examples) expect([...expected.examples.get(id)!]).toContain(`${m.from} → ${m.to}`);
    }
    // Both score distributions, recounted into the report's bins.
    for (const side of [0, 1] as const) {
      const counts = r.scores.bins.map(
        (b: { from: number; to: number }) =>
          expected.scores.filter((s) => s[side] >= b.from && s[side] < b.to).length,
      );
      expect(
        r.scores.bins.map((b: { live: number; challenger: number }) => (side ? b.challenger : b.live)),
      ).toEqual(counts);
    }
    expect(r.scores.bins.reduce((n: number, b: { live: number }) => n + b.live, 0)).toBe(sent.length);

    // A period: only the batch, three hours in (their decisions are logged at the app's clock, so the
    // period is read from the decisions' own times).
    const batchIds = new Set(sent.slice(150, 300).map((s) => s.decisionId));
    const logged = await shadowed.call('GET', '/v1/decisions?workflow=shadow&limit=500');
    const times = logged.body.items
      .filter((d: { decisionId: string }) => batchIds.has(d.decisionId))
      .map((d: { at: string }) => d.at)
      .sort();
    const until = new Date(Date.parse(times.at(-1)) + 1).toISOString();
    const period = await shadowed.call(
      'GET',
      `/v1/workflows/shadow/shadow/report?since=${times[0]}&until=${until}`,
    );
    expect(period.body.evaluations).toBe(150);
    expect(period.body.agreed).toBe(recount(sent.slice(150, 300)).agreed);

    // The challenger left no trace: the same lead state, owners, SLA timers, outbox, pool counters and
    // decision log as the run without one.
    const ids = [...new Set(sent.map((s) => s.lead.leadId))];
    const [withShadow, without] = [await effects(shadowed, ids), await effects(plain, ids)];
    expect(withShadow).toEqual(without);
    expect(withShadow.decisions).toBe(sent.length);
    expect(withShadow.deliveries.filter((d) => d.endsWith(' assigned')).length).toBeGreaterThan(20);
    expect(withShadow.sla.length).toBeGreaterThan(20);
    expect(withShadow.pool.reduce((n: number, [, k]: [string, number]) => n + k, 0)).toBeGreaterThan(20);
    // A lead only the challenger would send to sales has no owner and no timer.
    const onlyChallenger = sent.find(
      (s) => [...expected.examples.get(s.lead.leadId)!].join() === 'Nurture (Newsletter) → Sales (SDR team)',
    )!;
    expect(withShadow.leads.find((l) => l.id === onlyChallenger.lead.leadId)).toMatchObject({ owner: null });
    expect(withShadow.sla.some((s: string) => s.startsWith(`${onlyChallenger.lead.leadId} `))).toBe(false);
  });
});
