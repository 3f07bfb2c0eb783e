import { compile } from '@qualify/rules';
import { type Clock, isoAt } from './clock.ts';
import { DraftSchema } from './schemas.ts';
import { newWorkflowRow, type Store } from './store.ts';
import type { Template } from './templates.ts';

/** Stores each template as a workflow with version 1 published and live, so a new install can evaluate at once. */
export async function seedTemplates(store: Store, clock: Clock, templates: Template[]): Promise<void> {
  for (const t of templates) {
    const draft = DraftSchema.parse(t.workflow);
    const at = isoAt(clock);
    const created = await store.createWorkflow(newWorkflowRow(draft, at));
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
    );
  }
}
