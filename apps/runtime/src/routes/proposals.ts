import { addComment, mustFindProposal, propose, review, withdraw } from '../approval/proposals.ts';
import { ruleOf } from '../approval/rule.ts';
import { ApprovalRuleSchema, CommentBody, ProposeBody, ReviewBody } from '../approval/schemas.ts';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { parseWith } from '../validation.ts';
import { changeRow, mustFind } from './workflows.ts';

/** The workflow's approval rule and its proposals: propose, comment, review, withdraw. */
export function proposalRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;
  const keys = ctx.config.keysRequired;

  /** Applies a change checked against the row as it stands when written (the change may refuse). */
  api.get('/v1/workflows/:id/approval', 'evaluator', (c) =>
    c.json(ruleOf(mustFind(ctx, c.req.param('id')), keys)),
  );

  api.put('/v1/workflows/:id/approval', 'admin', async (c) => {
    const id = c.req.param('id');
    const rule = parseWith(ApprovalRuleSchema, await readJson(c, limit));
    const row = await changeRow(ctx, id, isoAt(ctx.clock), (r) => ({
      row: { ...r, approval: rule },
      audit: {
        action: 'approval_rule.changed',
        actor: c.get('principal').name,
        workflowId: id,
        detail: `Set the approval rule: ${
          rule.required
            ? `publishing needs a proposal approved by the ${rule.role} role or above`
            : 'no approval needed to publish'
        }${rule.excludeEditors ? ', by someone who did not edit it' : ''}.`,
        data: { ...rule, before: ruleOf(r, keys).rule },
      },
    }));
    return c.json(ruleOf(row, keys));
  });

  api.get('/v1/workflows/:id/proposals', 'evaluator', (c) => {
    const row = mustFind(ctx, c.req.param('id'));
    return c.json({ items: [...(row.proposals ?? [])].reverse() });
  });

  api.get('/v1/workflows/:id/proposals/:pid', 'evaluator', (c) =>
    c.json(mustFindProposal(mustFind(ctx, c.req.param('id')), c.req.param('pid'))),
  );

  api.post('/v1/workflows/:id/proposals', 'editor', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(ProposeBody, await readJson(c, limit));
    const at = isoAt(ctx.clock);
    const row = await changeRow(ctx, id, at, (r) => propose(r, body, c.get('principal').name, at));
    return c.json(row.proposals!.at(-1)!, 201);
  });

  api.post('/v1/workflows/:id/proposals/:pid/comments', 'editor', async (c) => {
    const { id, pid } = c.req.param();
    const body = parseWith(CommentBody, await readJson(c, limit));
    const at = isoAt(ctx.clock);
    const row = await changeRow(ctx, id, at, (r) =>
      addComment(r, pid, c.get('principal').name, body.text, at),
    );
    return c.json(mustFindProposal(row, pid));
  });

  api.post('/v1/workflows/:id/proposals/:pid/review', 'editor', async (c) => {
    const { id, pid } = c.req.param();
    const body = parseWith(ReviewBody, await readJson(c, limit));
    const at = isoAt(ctx.clock);
    const row = await changeRow(ctx, id, at, (r) =>
      review(r, pid, ruleOf(r, keys).rule, c.get('principal'), body, at),
    );
    return c.json(mustFindProposal(row, pid));
  });

  api.post('/v1/workflows/:id/proposals/:pid/withdraw', 'editor', async (c) => {
    const { id, pid } = c.req.param();
    const at = isoAt(ctx.clock);
    const row = await changeRow(ctx, id, at, (r) => withdraw(r, pid, c.get('principal').name, at));
    return c.json(mustFindProposal(row, pid));
  });
}
