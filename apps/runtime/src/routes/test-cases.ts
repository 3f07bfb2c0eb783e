import { runTestCases } from '@qualify/rules';
import type { Api } from '../auth.ts';
import type { Ctx } from '../context.ts';
import { documentFor } from './workflows.ts';

/** Runs a workflow's test cases without publishing: the one sent, else the stored draft. */
export function testCaseRoutes(api: Api, ctx: Ctx) {
  api.post('/v1/workflows/:id/test-cases/run', 'editor', async (c) =>
    c.json(runTestCases(await documentFor(ctx, c, c.req.param('id')))),
  );
}
