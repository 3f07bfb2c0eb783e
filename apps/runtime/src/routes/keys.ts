import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { newApiKey } from '../keys.ts';
import { ProblemError } from '../problem.ts';
import { CreateKeyBody } from '../schemas.ts';
import { parseWith } from '../validation.ts';
import { keyInfoOf } from '../views.ts';

/** API keys, admin only. A new key is answered once; afterwards only its prefix is shown. */
export function keyRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/keys', 'admin', (c) => c.json({ items: ctx.store.listKeys().map(keyInfoOf) }));

  api.post('/v1/keys', 'admin', async (c) => {
    const body = parseWith(CreateKeyBody, await readJson(c, ctx.config.bodyLimitBytes));
    const { key, row } = newApiKey(body.name, body.role, isoAt(ctx.clock));
    await ctx.store.createKey(row, {
      action: 'key.created',
      actor: c.get('principal').name,
      workflowId: null,
      detail: `Created the ${row.role} key "${row.name}" (${row.id}).`,
      data: { keyId: row.id, role: row.role, name: row.name },
    });
    return c.json({ ...keyInfoOf(row), key }, 201);
  });

  api.delete('/v1/keys/:id', 'admin', async (c) => {
    const id = c.req.param('id');
    const row = ctx.store.listKeys().find((k) => k.id === id);
    const deleted =
      row &&
      (await ctx.store.deleteKey(id, isoAt(ctx.clock), {
        action: 'key.deleted',
        actor: c.get('principal').name,
        workflowId: null,
        detail: `Deleted the ${row.role} key "${row.name}" (${row.id}).`,
        data: { keyId: row.id, role: row.role, name: row.name },
      }));
    if (!deleted) {
      throw new ProblemError(
        404,
        'key_not_found',
        `There is no API key "${id.slice(0, 60)}". GET /v1/keys lists them.`,
      );
    }
    return c.body(null, 204);
  });
}
