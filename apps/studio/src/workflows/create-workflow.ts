import { migrateWorkflow, type Workflow, WorkflowSchema } from '@qualify/rules';
import { ApiError } from '../api/client.ts';
import type { WorkflowRecord } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';
import { workflowId } from '../graph/new-workflow.ts';

/** Ids already used, archived ones included (the runtime keeps them). */
export async function takenIds(): Promise<Set<string>> {
  return new Set((await runtime.list(true)).map((w) => w.id));
}

/** Creates a workflow under a free id derived from its own (or its name), retrying once on a race. */
export async function createUnique(doc: Workflow): Promise<WorkflowRecord> {
  const taken = await takenIds();
  const id = taken.has(doc.id) ? workflowId(doc.id || doc.name, taken) : doc.id;
  try {
    return await runtime.create({ ...doc, id });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'workflow_exists') throw err;
    return runtime.create({ ...doc, id: workflowId(doc.name, new Set([...taken, id])) });
  }
}

/** Reads an imported file: a workflow document, or an exported record holding one. */
export function parseImported(json: unknown): Workflow {
  const candidate =
    json && typeof json === 'object' && 'workflow' in json && !('nodes' in json)
      ? (json as { workflow: unknown }).workflow
      : json;
  const parsed = WorkflowSchema.safeParse(migrateWorkflow(candidate));
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'document'}: ${i.message}`)
      .join('; ');
    throw new Error(`This file is not a workflow document (${first}).`);
  }
  return parsed.data;
}
