import { loadExamples } from '@qualify/examples';

export { loadTeam } from '@qualify/examples';

export interface Template {
  id: string;
  name: string;
  description: string;
  workflow: Record<string, unknown>;
  leads: unknown[];
}

/** The example workflows with their sample leads: starting points in the studio and the seed data. */
export function loadTemplates(): Template[] {
  return loadExamples().map((e) => ({
    id: e.name,
    name: String(e.workflow.name ?? e.name),
    description: String(e.workflow.description ?? ''),
    workflow: e.workflow,
    leads: e.leads,
  }));
}
