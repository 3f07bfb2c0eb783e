import type { Api } from '../auth.ts';
import type { App, Ctx } from '../context.ts';
import { openApiDocument } from '../openapi.ts';
import { ProblemError } from '../problem.ts';

/** Probes, metrics and the API description: open to all, for load balancers and tooling. */
export function opsRoutes(app: App, ctx: Ctx) {
  const openapi = JSON.stringify(openApiDocument());

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', (c) => {
    if (!ctx.store.isReady())
      throw new ProblemError(
        503,
        'not_ready',
        "The store is not open (starting or shutting down), or it cannot see the other replicas' changes.",
      );
    return c.json({ status: 'ready', workflows: ctx.store.listWorkflows().length });
  });

  app.get('/metrics', (c) => {
    const log = ctx.store.decisionLogState();
    const text = ctx.metrics.render({
      workflows: { help: 'Stored workflows.', value: ctx.store.listWorkflows().length },
      decisions_unwritten: {
        help: 'Decisions logged in memory and not yet appended to the decision log files.',
        value: log.unwritten,
      },
      decisions_dropped_total: {
        help: 'Decisions left out of the log because too many were waiting for a failing disk.',
        value: log.dropped,
        type: 'counter',
      },
      auth_throttled_total: {
        help: 'Requests refused (429) because their address failed to authenticate too often in a minute.',
        value: ctx.authThrottle.refused,
        type: 'counter',
      },
      qualify_shadow_dropped_total: {
        help: 'Live evaluations the challenger of a shadow run did not see: its queue was full, or its log was waiting for a failing disk.',
        value: ctx.shadow.dropped,
        type: 'counter',
      },
      qualify_shadow_waiting: {
        help: 'Live evaluations queued for their challenger and not yet run.',
        value: ctx.shadow.waiting,
      },
      auth_throttled_addresses: {
        help: 'Client addresses refused at the moment for failed authentications.',
        value: ctx.authThrottle.blocked.size,
      },
    });
    return c.body(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });

  app.get('/v1/openapi.json', (c) => c.body(openapi, 200, { 'content-type': 'application/json' }));
}

/** What the runtime does on its own, for people: retention's setting and its last sweep. */
export function opsApiRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/ops', 'evaluator', async (c) => c.json({ retention: await ctx.retention.status() }));
}
