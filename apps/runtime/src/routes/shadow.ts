import { compile } from '@qualify/rules';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { ProblemError, versionNotFound, workflowNotFound } from '../problem.ts';
import { ChallengerBody, ShadowReportQuery } from '../shadow/http-schemas.ts';
import { ShadowTally } from '../shadow/report.ts';
import type { NewChallenger, PastChallenger } from '../shadow/types.ts';
import type { WorkflowRow } from '../store.ts';
import { parseQuery, parseWith } from '../validation.ts';
import { mustFind } from './workflows.ts';

const stateOf = (row: WorkflowRow) => ({
  challenger: row.challenger ?? null,
  past: [...(row.pastChallengers ?? [])].reverse(),
});

/** The challenger a body names, as a snapshot to start. */
function challengerFrom(row: WorkflowRow, body: { version: number }, by: string, at: string): NewChallenger {
  const v = row.versions[body.version - 1];
  if (!v) throw versionNotFound(row.id, body.version);
  return {
    source: { kind: 'version', version: v.number },
    label: `Version ${v.number}`,
    workflow: v.workflow,
    startedBy: by,
    startedAt: at,
  };
}

/** The report's challenger: the one asked for, else the running one, else the last stopped. */
function reportedChallenger(row: WorkflowRow, id: string | undefined) {
  const past: PastChallenger[] = row.pastChallengers ?? [];
  const running = () => {
    const { workflow: _snapshot, ...c } = row.challenger!;
    return { ...c, running: true, stoppedAt: null };
  };
  if (id === undefined) {
    if (row.challenger) return running();
    const last = past.at(-1);
    if (last) return { ...last, running: false as const };
    throw new ProblemError(
      404,
      'challenger_not_found',
      `Workflow "${row.id}" has had no challenger; start one with PUT /v1/workflows/${row.id}/challenger.`,
    );
  }
  if (row.challenger?.id === id) return running();
  const found = past.find((c) => c.id === id);
  if (found) return { ...found, running: false };
  throw new ProblemError(
    404,
    'challenger_not_found',
    `Workflow "${row.id}" has no challenger "${id}"; GET /v1/workflows/${row.id}/challenger lists them.`,
  );
}

/**
 * Shadow runs: start, replace and stop the challenger evaluated beside the live version, and report
 * how it would have decided the same leads.
 */
export function shadowRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.get('/v1/workflows/:id/challenger', 'evaluator', (c) =>
    c.json(stateOf(mustFind(ctx, c.req.param('id')))),
  );

  api.put('/v1/workflows/:id/challenger', 'approver', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(ChallengerBody, await readJson(c, limit));
    const by = c.get('principal').name;
    const at = isoAt(ctx.clock);
    const next = challengerFrom(mustFind(ctx, id), body, by, at);
    // A snapshot that does not compile would shadow nothing: refused now (422 workflow_invalid).
    compile(next.workflow);
    const row = await ctx.store.setChallenger(id, next, { by, at });
    if (!row) throw workflowNotFound(id);
    return c.json(stateOf(row));
  });

  api.delete('/v1/workflows/:id/challenger', 'approver', async (c) => {
    const id = c.req.param('id');
    if (!mustFind(ctx, id).challenger) return c.json(stateOf(mustFind(ctx, id)));
    const row = await ctx.store.setChallenger(id, null, {
      by: c.get('principal').name,
      at: isoAt(ctx.clock),
    });
    if (!row) throw workflowNotFound(id);
    return c.json(stateOf(row));
  });

  api.get('/v1/workflows/:id/shadow/report', 'evaluator', async (c) => {
    const q = parseQuery(c, ShadowReportQuery);
    const row = mustFind(ctx, c.req.param('id'));
    const challenger = reportedChallenger(row, q.challenger);
    const since = q.since ? new Date(q.since).toISOString() : challenger.startedAt;
    const until = q.until ? new Date(q.until).toISOString() : (challenger.stoppedAt ?? isoAt(ctx.clock));
    // Everything offered before this request counts: the queue runs out first.
    await ctx.shadow.idle();
    const tally = new ShadowTally();
    await ctx.store.scanShadow({ workflow: row.id, challenger: challenger.id, since, until }, (e) =>
      tally.add(e),
    );
    return c.json({ challenger, since, until, ...tally.result() });
  });
}
