import type { ExamplePool } from '@qualify/examples';
import { compile, ScheduleSchema } from '@qualify/rules';
import { type Clock, isoAt } from './clock.ts';
import type { HandoffStore } from './handoff/types.ts';
import { DraftSchema } from './schemas.ts';
import { newWorkflowRow, type Store } from './store.ts';
import type { Template } from './templates.ts';

/** Stores each template as a workflow with version 1 published and live, so a new install can evaluate at once. */
export async function seedTemplates(store: Store, clock: Clock, templates: Template[]): Promise<void> {
  for (const t of templates) {
    const draft = DraftSchema.parse(t.workflow);
    const at = isoAt(clock);
    const created = await store.createWorkflow(newWorkflowRow(draft, at), {
      action: 'workflow.created',
      actor: 'seed',
      workflowId: draft.id,
      revision: 1,
      detail: `Created the workflow "${draft.name}" from the example.`,
    });
    if (!created) continue;
    await store.addVersion(
      draft.id,
      {
        number: 1,
        note: 'Example workflow',
        publishedBy: 'seed',
        publishedAt: at,
        fromRevision: 1,
        workflow: draft,
        artifact: compile(draft, { version: 1 }),
      },
      at,
      {
        action: 'version.published',
        actor: 'seed',
        workflowId: draft.id,
        version: 1,
        revision: 1,
        detail: 'Published version 1 of the example and made it live.',
      },
    );
  }
}

/**
 * Stores the examples' team pools that are not there yet, so the examples' sales routes assign from
 * the start; a pool already there (edited, or seeded before) is left as it is.
 */
export async function seedTeam(handoff: HandoffStore, pools: ExamplePool[]): Promise<void> {
  for (const pool of pools) {
    if (await handoff.getPool(pool.id)) continue;
    await handoff.putPool({ ...pool, schedule: ScheduleSchema.parse(pool.schedule) });
  }
}
