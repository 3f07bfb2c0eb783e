import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { parseWith } from '../validation.ts';
import { deliveryHeaders } from '../webhooks/deliverer.ts';
import { CreateSubscriptionBody, DeliveryQuery, UpdateSubscriptionBody } from '../webhooks/schemas.ts';
import { SIGNATURE_HEADER } from '../webhooks/signature.ts';

const subscriptionNotFound = (id: string) =>
  new ProblemError(
    404,
    'subscription_not_found',
    `There is no webhook subscription "${id.slice(0, 60)}". GET /v1/subscriptions lists them.`,
  );

const deliveryNotFound = (id: string) =>
  new ProblemError(
    404,
    'delivery_not_found',
    `There is no delivery "${id.slice(0, 60)}" (deleting a subscription deletes its deliveries). GET /v1/deliveries lists them.`,
  );

/** The audit trail names a receiver by its host: a webhook URL often carries its secret in the path. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'an unreadable URL';
  }
};

/**
 * Webhook subscriptions (admin: they send lead data off the machine) and their deliveries
 * (evaluator may read; replay is admin). docs/webhooks.md says what is sent and how it is signed.
 */
export function webhookRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.get('/v1/subscriptions', 'admin', async (c) =>
    c.json({ items: await ctx.handoff.listSubscriptions() }),
  );

  api.post('/v1/subscriptions', 'admin', async (c) => {
    const body = parseWith(CreateSubscriptionBody, await readJson(c, limit));
    const sub = await ctx.handoff.createSubscription(body);
    await ctx.store.appendAudit(
      {
        action: 'subscription.created',
        actor: c.get('principal').name,
        workflowId: null,
        detail: `Subscribed ${hostOf(sub.url)} to ${sub.events.join(', ')} (${sub.id}).`,
        data: { subscriptionId: sub.id, host: hostOf(sub.url), events: sub.events, active: sub.active },
      },
      isoAt(ctx.clock),
    );
    return c.json(sub, 201);
  });

  api.get('/v1/subscriptions/:id', 'admin', async (c) => {
    const id = c.req.param('id');
    const sub = await ctx.handoff.getSubscription(id);
    if (!sub) throw subscriptionNotFound(id);
    return c.json(sub);
  });

  api.patch('/v1/subscriptions/:id', 'admin', async (c) => {
    const id = c.req.param('id');
    const patch = parseWith(UpdateSubscriptionBody, await readJson(c, limit));
    const sub = await ctx.handoff.updateSubscription(id, patch);
    if (!sub) throw subscriptionNotFound(id);
    const changed = Object.keys(patch).sort();
    await ctx.store.appendAudit(
      {
        action: 'subscription.updated',
        actor: c.get('principal').name,
        workflowId: null,
        detail: `Changed the ${changed.join(', ')} of subscription ${sub.id} (${hostOf(sub.url)}).`,
        data: {
          subscriptionId: sub.id,
          changed,
          host: hostOf(sub.url),
          events: sub.events,
          active: sub.active,
        },
      },
      isoAt(ctx.clock),
    );
    // Made active again: its waiting deliveries may go now.
    if (patch.active) ctx.deliverer.wake();
    return c.json(sub);
  });

  api.delete('/v1/subscriptions/:id', 'admin', async (c) => {
    const id = c.req.param('id');
    const sub = await ctx.handoff.getSubscription(id);
    if (!sub || !(await ctx.handoff.deleteSubscription(id))) throw subscriptionNotFound(id);
    await ctx.store.appendAudit(
      {
        action: 'subscription.deleted',
        actor: c.get('principal').name,
        workflowId: null,
        detail: `Deleted subscription ${sub.id} (${hostOf(sub.url)}).`,
        data: { subscriptionId: sub.id, host: hostOf(sub.url) },
      },
      isoAt(ctx.clock),
    );
    return c.body(null, 204);
  });

  api.get('/v1/deliveries', 'evaluator', async (c) => {
    return c.json(await ctx.handoff.listDeliveries(ctx.queries.parse(c, DeliveryQuery)));
  });

  api.get('/v1/deliveries/:id', 'evaluator', async (c) => {
    const id = c.req.param('id');
    const d = await ctx.handoff.getDelivery(id);
    if (!d) throw deliveryNotFound(id);
    const headers = { ...deliveryHeaders(d), [SIGNATURE_HEADER]: 't=<time of the attempt>,v1=<signature>' };
    return c.json({ ...d, headers });
  });

  api.post('/v1/deliveries/:id/replay', 'admin', async (c) => {
    const id = c.req.param('id');
    if (!(await ctx.handoff.replayDelivery(id, ctx.clock.now()))) throw deliveryNotFound(id);
    ctx.deliverer.wake();
    const d = await ctx.handoff.getDelivery(id);
    if (!d) throw deliveryNotFound(id);
    const { url, body, attempts, ...row } = d;
    return c.json(row, 202);
  });
}
