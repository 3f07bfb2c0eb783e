import { type APIRequestContext, expect } from '@playwright/test';

/** Creates a workflow from one of the runtime's templates under a fresh id (with `patch` applied); returns the id. */
export async function createFromTemplate(
  request: APIRequestContext,
  templateId: string,
  prefix: string,
  patch: Record<string, unknown> = {},
) {
  const res = await request.get('/v1/templates');
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: { id: string; workflow: Record<string, unknown> }[] };
  const template = items.find((t) => t.id === templateId);
  if (!template) throw new Error(`No template ${templateId}`);
  const id = `${prefix}-${Date.now()}`;
  const created = await request.post('/v1/workflows', { data: { ...template.workflow, ...patch, id } });
  expect(created.status()).toBe(201);
  return id;
}
