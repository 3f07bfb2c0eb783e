import { compile } from '@qualify/rules';
import { isPending, mustFindProposal } from '../approval/proposals.ts';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { invalidRequest, ProblemError, versionNotFound } from '../problem.ts';
import { ROLES } from '../schemas.ts';
import { startChallenger, stopChallenger } from '../shadow/challenger.ts';
import { ChallengerBody, PromoteBody, ShadowReportQuery } from '../shadow/http-schemas.ts';
import { promotesByPublishing, promoteToProposal, reportSentence } from '../shadow/promote.ts';
import { ShadowTally } from '../shadow/report.ts';
import type { NewChallenger, PastChallenger } from '../shadow/types.ts';
import type { WorkflowRow } from '../store.ts';
import { parseWith } from '../validation.ts';
import { versionOf } from '../views.ts';
import { publishDraft } from './versions.ts';
import { changeRow, mustFind } from './workflows.ts';

const stateOf = (row: WorkflowRow) => ({
  challenger: row.challenger ?? null,
  past: [...(row.pastChallengers ?? [])].reverse(),
});

/** The challenger a body names, as a snapshot to start. */
function challengerFrom(
  row: WorkflowRow,
  body: { version: number } | { proposal: string },
  by: string,
  at: string,
): NewChallenger {
  if ('proposal' in body) {
    const p = mustFindProposal(row, body.proposal);
    // A pending proposal is of the current draft: saving the draft withdraws it.
    if (!isPending(p) || p.revision !== row.revision) {
      throw new ProblemError(
        409,
        'proposal_not_open',
        `Proposal ${p.id} is ${p.status.replace('_', ' ')}; only an open or approved proposal can be the challenger. Propose the draft again, or choose a version.`,
        { status: p.status },
      );
    }
    return {
      source: { kind: 'proposal', proposalId: p.id, revision: p.revision },
      label: `Proposal ${p.id} (revision ${p.revision})`,
      workflow: row.draft,
      startedBy: by,
      startedAt: at,
    };
  }
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
    const row = await changeRow(ctx, id, at, (r) => {
      const next = challengerFrom(r, body, by, at);
      // A snapshot that does not compile would shadow nothing: refused now (422 workflow_invalid).
      compile(next.workflow);
      return startChallenger(r, next, by, at);
    });
    return c.json(stateOf(row));
  });

  api.delete('/v1/workflows/:id/challenger', 'approver', async (c) => {
    const id = c.req.param('id');
    if (!mustFind(ctx, id).challenger) return c.json(stateOf(mustFind(ctx, id)));
    const row = await changeRow(ctx, id, isoAt(ctx.clock), (r) =>
      stopChallenger(r, c.get('principal').name, isoAt(ctx.clock)),
    );
    return c.json(stateOf(row));
  });

  /** A challenger's counts over a period; everything offered before the call counts (the queue runs out first). */
  const reportOf = async (row: WorkflowRow, q: { challenger?: string; since?: string; until?: string }) => {
    const challenger = reportedChallenger(row, q.challenger);
    const since = q.since ? new Date(q.since).toISOString() : challenger.startedAt;
    const until = q.until ? new Date(q.until).toISOString() : (challenger.stoppedAt ?? isoAt(ctx.clock));
    if (since >= until) {
      throw invalidRequest(
        [{ path: 'since', message: `must be before until (${until})` }],
        `The period is empty: since ${since} is not before until ${until}.`,
      );
    }
    await ctx.shadow.idle();
    const tally = new ShadowTally();
    await ctx.store.scanShadow({ workflow: row.id, challenger: challenger.id, since, until }, (e) =>
      tally.add(e),
    );
    return { challenger, since, until, ...tally.result() };
  };

  api.get('/v1/workflows/:id/shadow/report', 'evaluator', async (c) => {
    const q = ctx.queries.parse(c, ShadowReportQuery);
    return c.json(await reportOf(mustFind(ctx, c.req.param('id')), q));
  });

  api.post('/v1/workflows/:id/challenger/promote', 'editor', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(PromoteBody, await readJson(c, limit));
    const who = c.get('principal');
    const before = mustFind(ctx, id);
    const running = before.challenger;
    if (!running) {
      throw new ProblemError(
        404,
        'challenger_not_found',
        `Workflow "${id}" has no challenger running; start one (PUT /v1/workflows/${id}/challenger) to promote it.`,
      );
    }
    const r = await reportOf(before, {});
    const evidence = reportSentence(running, r.since, r.until, r);
    const note = [body.note, evidence].filter(Boolean).join('\n\n').slice(0, 2000);
    if (promotesByPublishing(before, running)) {
      if (ROLES.indexOf(who.role) < ROLES.indexOf('approver')) {
        throw new ProblemError(
          403,
          'forbidden',
          `Promoting challenger ${running.id} publishes the approved ${running.label}, which needs the approver role or above; the key "${who.name}" is ${who.role}.`,
          { requiredRole: 'approver' },
        );
      }
      const { row, version } = await publishDraft(
        ctx,
        id,
        { note, revision: body.revision },
        who.name,
        (n) => [
          {
            action: 'shadow.promoted',
            actor: who.name,
            workflowId: id,
            version: n,
            proposalId: (running.source as { proposalId: string }).proposalId,
            detail: `Promoted challenger ${running.id} (${running.label}): published as version ${n}. ${evidence}`,
            data: { challengerId: running.id, evaluations: r.evaluations, agreed: r.agreed },
          },
        ],
      );
      // Live now: a shadow run of a version against itself would show nothing.
      const at = isoAt(ctx.clock);
      const stopped = await changeRow(ctx, id, at, (x) =>
        x.challenger?.id === running.id
          ? stopChallenger(x, who.name, at, `, promoted as version ${version.number}`)
          : { row: x, audit: [] },
      );
      return c.json({ promoted: 'published', version: versionOf(row, version), ...stateOf(stopped) }, 201);
    }
    const at = isoAt(ctx.clock);
    const row = await changeRow(ctx, id, at, (x) => {
      if (x.challenger?.id !== running.id)
        throw new ProblemError(
          409,
          'challenger_changed',
          `The challenger changed while promoting (now ${x.challenger?.id ?? 'none'}); read it again.`,
        );
      return promoteToProposal(x, running, { revision: body.revision, note }, who.name, at);
    });
    return c.json({ promoted: 'proposed', proposal: row.proposals!.at(-1)!, ...stateOf(row) }, 201);
  });
}
