import { compile } from '@qualify/rules';
import { pendingProposal } from '../approval/proposals.ts';
import { ruleOf } from '../approval/rule.ts';
import type { ProposalRow } from '../approval/schemas.ts';
import { testGate } from '../approval/test-gate.ts';
import type { AuditEvent } from '../audit/types.ts';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { ProblemError, versionNotFound, workflowNotFound } from '../problem.ts';
import { LiveBody, PublishBody } from '../schemas.ts';
import type { VersionRow } from '../store.ts';
import { parseWith } from '../validation.ts';
import { recordOf, versionOf, versionSummaryOf } from '../views.ts';
import { mustFind } from './workflows.ts';

const conflict = (current: number, asked: number) =>
  new ProblemError(
    409,
    'revision_conflict',
    `The draft is at revision ${current}, not ${asked}: it changed since you reviewed it. Review it again before publishing.`,
    { currentRevision: current },
  );

function approvalRequired(id: string, pending: ProposalRow | undefined): ProblemError {
  const where =
    pending === undefined
      ? `Propose the draft (POST /v1/workflows/${id}/proposals) and have an approver approve it`
      : `Proposal ${pending.id} (revision ${pending.revision}) is waiting for review; have an approver approve it`;
  return new ProblemError(
    409,
    'approval_required',
    `${where} before publishing: this workflow's approval rule asks for an approved proposal (GET /v1/workflows/${id}/approval).`,
    { proposalId: pending?.id ?? null },
  );
}

/** Publishing drafts as immutable versions and choosing which version is live. */
export function versionRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.post('/v1/workflows/:id/publish', 'approver', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(PublishBody, (await readJson(c, limit, true)) ?? {});
    const row = mustFind(ctx, id);
    if (body.revision !== undefined && body.revision !== row.revision)
      throw conflict(row.revision, body.revision);
    const latest = row.versions.at(-1);
    if (latest && latest.fromRevision === row.revision) {
      throw new ProblemError(
        409,
        'nothing_to_publish',
        `The draft has not changed since version ${latest.number}. To bring that version back, make it live (PUT /v1/workflows/${id}/live).`,
        { latestVersion: latest.number },
      );
    }
    const pending = pendingProposal(row);
    const approved =
      pending?.status === 'approved' && pending.revision === row.revision ? pending : undefined;
    if (!approved && ruleOf(row, ctx.config.keysRequired).rule.required) throw approvalRequired(id, pending);
    const number = row.versions.length + 1;
    const at = isoAt(ctx.clock);
    const by = c.get('principal').name;
    const override = testGate(row, body.overrideTests, by);
    const version: VersionRow = {
      number,
      note: body.note,
      publishedBy: by,
      publishedAt: at,
      fromRevision: row.revision,
      workflow: row.draft,
      artifact: compile(row.draft, { version: number }),
      ...(approved && { proposalId: approved.id, approvedBy: approved.decidedBy }),
      ...(override && { testOverride: override.testOverride }),
    };
    const published: AuditEvent = {
      action: 'version.published',
      actor: by,
      workflowId: id,
      version: number,
      revision: row.revision,
      ...(approved && { proposalId: approved.id }),
      detail: `Published revision ${row.revision} as version ${number} and made it live${
        approved ? ` (proposal ${approved.id}, approved by ${approved.decidedBy})` : ''
      }.`,
      ...(body.note && { data: { note: body.note.slice(0, 200) } }),
    };
    const audit = override ? [published, { ...override.audit, version: number }] : published;
    const result = await ctx.store.addVersion(id, version, at, audit);
    if ('missing' in result) throw workflowNotFound(id);
    if ('conflict' in result) throw conflict(result.conflict, row.revision);
    // Prepared now, so the first evaluation after a publish pays nothing extra.
    ctx.prepared.get(result.ok, number);
    return c.json(versionOf(result.ok, version), 201);
  });

  api.get('/v1/workflows/:id/versions', 'evaluator', (c) => {
    const row = mustFind(ctx, c.req.param('id'));
    return c.json({ items: row.versions.map((v) => versionSummaryOf(row, v)).reverse() });
  });

  api.get('/v1/workflows/:id/versions/:n', 'evaluator', (c) => {
    const row = mustFind(ctx, c.req.param('id'));
    const n = Number(c.req.param('n'));
    const version = Number.isInteger(n) && n >= 1 ? row.versions[n - 1] : undefined;
    if (!version) throw versionNotFound(row.id, c.req.param('n').slice(0, 20));
    return c.json(versionOf(row, version));
  });

  api.put('/v1/workflows/:id/live', 'approver', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(LiveBody, await readJson(c, limit));
    const row = mustFind(ctx, id);
    if (!row.versions[body.version - 1]) throw versionNotFound(id, body.version);
    const updated = await ctx.store.setLive(id, body.version, isoAt(ctx.clock), {
      action: 'version.live',
      actor: c.get('principal').name,
      workflowId: id,
      version: body.version,
      detail: `Made version ${body.version} live (was ${row.liveVersion === null ? 'none' : `version ${row.liveVersion}`}).`,
      data: { from: row.liveVersion },
    });
    if (!updated) throw versionNotFound(id, body.version);
    ctx.prepared.get(updated, body.version);
    return c.json(recordOf(updated));
  });
}
