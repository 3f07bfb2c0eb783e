import { createHash, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { LogicEngine } from 'json-logic-engine';
import pino from 'pino';
import { BANT_COUNT, HARD_DQ, routeOf, SCORE } from './peer-rules.ts';

/**
 * The peer stack (issue 14): the same job assembled from well-kept parts. Hono; an API-key check against
 * stored sha256 hashes; the reference workload compiled by json-logic-engine; `crypto.randomUUID()` as
 * the decision id; one JSON line a decision through pino's asynchronous file destination; the answer.
 * With `?answer=receipt` it answers, after the same work, its decision id and `receiptTail` (the rest of
 * a full receipt of median length, fixed): what the peer would pay to send answers the size of the
 * runtime's full receipts (about 1.2 KB against its own 150 bytes).
 */
export function peerApp(logFile: string, keyHashes: ReadonlySet<string>, receiptTail: string) {
  const judge = peerJudge();
  const destination = pino.destination({ dest: logFile, sync: false, minLength: 4096 });
  const log = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);

  const decide = (lead: Record<string, unknown>) => {
    const decision = {
      decisionId: randomUUID(),
      leadId: typeof lead.id === 'string' ? lead.id : null,
      ...judge(lead),
    };
    log.info(decision);
    return decision;
  };
  const authorized = (header: string | undefined) =>
    header?.startsWith('Bearer ') === true &&
    keyHashes.has(createHash('sha256').update(header.slice(7)).digest('hex'));

  const app = new Hono();
  app.use('*', async (c, next) => {
    if (!authorized(c.req.header('authorization'))) return c.json({ title: 'Unauthorized' }, 401);
    await next();
  });
  const receipt = (c: { req: { query: (k: string) => string | undefined } }) =>
    c.req.query('answer') === 'receipt';
  app.post('/evaluate', async (c) => {
    const body = (await c.req.json()) as { lead: Record<string, unknown> };
    const decision = decide(body.lead);
    if (!receipt(c)) return c.json(decision);
    return c.body(`{"decisionId":"${decision.decisionId}",${receiptTail}`, 200, {
      'content-type': 'application/json',
    });
  });
  app.post('/batch', async (c) => {
    const asReceipt = receipt(c);
    const lines = (await c.req.text()).split('\n');
    let out = '';
    lines.forEach((line, i) => {
      if (!line) return;
      const decision = decide(JSON.parse(line));
      out += asReceipt
        ? `{"line":${i + 1},"decisionId":"${decision.decisionId}",${receiptTail}\n`
        : `${JSON.stringify({ line: i + 1, ...decision })}\n`;
    });
    return c.body(out, 200, { 'content-type': 'application/x-ndjson' });
  });
  return { app, close: () => destination.flushSync() };
}

/** The peer's rules: json-logic-engine's compiled documents, the route read from the three results. */
export function peerJudge() {
  const engine = new LogicEngine();
  const score = engine.build(SCORE) as (lead: unknown) => number;
  const bant = engine.build(BANT_COUNT) as (lead: unknown) => number;
  const hardDq = engine.build(HARD_DQ) as (lead: unknown) => boolean;
  return (lead: unknown) => {
    const s = score(lead);
    const b = bant(lead);
    return { route: routeOf(s, b, Boolean(hardDq(lead))), score: s, bant: b };
  };
}
