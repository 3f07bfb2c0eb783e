import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { LeadEventBodySchema } from '../handoff/http-schemas.ts';
import { ProblemError } from '../problem.ts';
import { eraseLead, erasureAudit } from '../retention/erase.ts';
import { parseWith } from '../validation.ts';

const MAX_LEAD_ID = 320;

const leadNotFound = (id: string) =>
  new ProblemError(
    404,
    'lead_not_found',
    `The runtime has no lead "${id}": it keeps state for a lead id once a live version has evaluated a lead with it. Evaluate the lead first, with its id in the field the catalogue marks as the lead id.`,
  );

function leadIdOf(raw: string): string {
  const id = raw.trim();
  if (id === '' || id.length > MAX_LEAD_ID) {
    throw new ProblemError(
      404,
      'lead_not_found',
      `"${id}" is not a lead id (1 to ${MAX_LEAD_ID} characters).`,
    );
  }
  return id;
}

/**
 * A lead's state, and what the CRM tells the runtime happened to it (the CRM integration key:
 * evaluator); erasing a lead's data is an admin's (docs/runtime.md, "Erasing a lead").
 */
export function leadRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/leads/:leadId', 'evaluator', async (c) => {
    const id = leadIdOf(c.req.param('leadId'));
    const lead = await ctx.handoff.getLead(id);
    if (!lead) throw leadNotFound(id);
    return c.json(lead);
  });

  // Admin: it cannot be undone, it destroys what sales and the audit of decisions rely on, and the
  // evaluator keys sit in CRM integrations and web forms, where a leaked one must not erase leads.
  api.delete('/v1/leads/:leadId', 'admin', async (c) => {
    const value = leadIdOf(c.req.param('leadId'));
    const erasure = await eraseLead(ctx, value);
    const at = isoAt(ctx.clock);
    await ctx.store.appendAudit(erasureAudit(c.get('principal').name, erasure.erased), at);
    // The counts only: the log is no place for the id or e-mail just erased.
    ctx.logger.info('erased a lead on request', { ...erasure.erased });
    return c.json({ ...erasure, at });
  });

  api.post('/v1/leads/:leadId/events', 'evaluator', async (c) => {
    const id = leadIdOf(c.req.param('leadId'));
    const event = parseWith(LeadEventBodySchema, await readJson(c, ctx.config.bodyLimitBytes));
    const result = await ctx.handoff.recordEvent(id, event, ctx.clock.now());
    if ('unknownLead' in result) throw leadNotFound(id);
    if ('conflict' in result) {
      throw new ProblemError(
        409,
        'event_conflict',
        `Event "${event.eventId}" of lead "${id}" was recorded before with a different body. Send a new eventId for a new event; resend the same body to read the first result.`,
      );
    }
    if ('invalid' in result) throw new ProblemError(422, 'event_not_applicable', result.invalid);
    ctx.deliverer.wake();
    return c.json(result.ok, result.duplicate ? 200 : 201);
  });
}
