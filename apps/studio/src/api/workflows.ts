import type { Artifact, Decision, Issue, Workflow } from '@qualify/rules';
import { api } from './client.ts';
import type {
  Me,
  Signoff,
  Template,
  Version,
  VersionSummary,
  Volume,
  WorkflowRecord,
  WorkflowSummary,
} from './types.ts';

const wf = (id: string) => `/v1/workflows/${encodeURIComponent(id)}`;

/** Typed calls for every endpoint the studio uses (docs/api-contract.md). */
export const runtime = {
  me: () => api<Me>('GET', '/v1/me'),
  templates: () => api<{ items: Template[] }>('GET', '/v1/templates').then((r) => r.items),
  list: (archived = false) =>
    api<{ items: WorkflowSummary[] }>('GET', `/v1/workflows${archived ? '?archived=true' : ''}`).then(
      (r) => r.items,
    ),
  create: (workflow: Workflow) => api<WorkflowRecord>('POST', '/v1/workflows', workflow),
  get: (id: string) => api<WorkflowRecord>('GET', wf(id)),
  save: (id: string, workflow: Workflow, revision: number) =>
    api<WorkflowRecord>('PUT', wf(id), { workflow, revision }),
  archive: (id: string) => api<WorkflowRecord>('POST', `${wf(id)}/archive`),
  unarchive: (id: string) => api<WorkflowRecord>('POST', `${wf(id)}/unarchive`),
  validate: (id: string, workflow: Workflow) =>
    api<{ issues: Issue[] }>('POST', `${wf(id)}/validate`, { workflow }),
  compile: (id: string, workflow: Workflow) =>
    api<{ artifact: Artifact }>('POST', `${wf(id)}/compile`, { workflow }),
  /**
   * Publishes the stored draft; with `revision`, only if the draft is still the one the user saw;
   * with `overrideTests`, even though its test cases fail (approvers, and the reason is recorded).
   */
  publish: (id: string, note: string, revision?: number, overrideTests?: { reason: string }) =>
    api<Version>('POST', `${wf(id)}/publish`, {
      note,
      ...(revision === undefined ? {} : { revision }),
      ...(overrideTests ? { overrideTests } : {}),
    }),
  versions: (id: string) =>
    api<{ items: VersionSummary[] }>('GET', `${wf(id)}/versions`).then((r) => r.items),
  version: (id: string, n: number) => api<Version>('GET', `${wf(id)}/versions/${n}`),
  makeLive: (id: string, version: number) => api<WorkflowRecord>('PUT', `${wf(id)}/live`, { version }),
  signoffs: (id: string) => api<{ items: Signoff[] }>('GET', `${wf(id)}/signoffs`).then((r) => r.items),
  signOff: (id: string, s: { name: string; title: string; version: number; note: string }) =>
    api<Signoff>('POST', `${wf(id)}/signoffs`, s),
  volume: (id: string, weeks = 4) => api<Volume>('GET', `${wf(id)}/volume?weeks=${weeks}`),
  evaluateDraft: (id: string, workflow: Workflow, lead: unknown, now?: string) =>
    api<Decision>('POST', `${wf(id)}/draft/evaluate`, now ? { lead, now, workflow } : { lead, workflow }),
};
