import { compile } from '@qualify/rules';
import type { AuditEvent } from '../audit/types.ts';
import { decisionIds } from '../decision-id.ts';
import { type Draft, DraftSchema } from '../schemas.ts';
import type { ShadowEntry } from '../shadow/types.ts';
import { type DecisionLogEntry, newWorkflowRow, type Store, type VersionRow } from '../store.ts';
import { loadTemplates } from '../templates.ts';

/** A store under test, and how to open the same data again (durability). */
export interface Opened {
  store: Store;
  reopen(): Promise<Store>;
}

export const draftOf = (id: string): Draft => ({ ...DraftSchema.parse(loadTemplates()[0]!.workflow), id });

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export const event = (
  action: AuditEvent['action'],
  workflowId: string | null,
  actor = 'eve',
): AuditEvent => ({
  action,
  actor,
  workflowId,
  detail: `${action} by ${actor}.`,
});

export async function created(store: Store, id: string) {
  const row = await store.createWorkflow(newWorkflowRow(draftOf(id), iso(T0)), event('workflow.created', id));
  if (!row) throw new Error(`${id} exists`);
  return row;
}

export const versionOf = (draft: Draft, number: number, fromRevision: number): VersionRow => ({
  number,
  note: `v${number}`,
  publishedBy: 'abe',
  publishedAt: iso(T0 + number),
  fromRevision,
  workflow: draft,
  artifact: compile(draft, { version: number }),
});

const ROUTES = ['sales', 'nurture', 'disqualify'] as const;
const STAGES = ['Lead', 'MQL', 'SQL'] as const;

/** `n` decisions `stepMs` apart (a minute) from `start` (T0), over two workflows, three routes and three stages. */
export function decisions(n: number, start = T0, stepMs = 60_000): DecisionLogEntry[] {
  const next = decisionIds();
  return Array.from({ length: n }, (_, i) => {
    const ms = start + i * stepMs;
    return {
      decisionId: next(ms),
      workflowId: i % 2 ? 'wf-b' : 'wf-a',
      version: 1,
      leadId: `lead-${i % 10}`,
      email: `p${i % 7}@acme.example`,
      route: ROUTES[i % 3]!,
      target: i % 3 === 0 ? 'sdr' : null,
      routeNodeId: `r${i % 3}`,
      stage: STAGES[i % 3]!,
      score: i * 1.5,
      at: iso(ms),
    };
  });
}

export function shadowEntry(
  challengerId: string,
  ms: number,
  decisionId: string,
  leadId: string | null = 'lead-1',
): ShadowEntry {
  const side = {
    route: 'sales' as const,
    target: 'sdr',
    stage: 'MQL' as const,
    score: 40,
    fit: 30,
    engagement: 10,
  };
  return {
    challengerId,
    workflowId: 'wf-a',
    decisionId,
    liveVersion: 1,
    at: iso(ms),
    leadId,
    live: side,
    challenger: { ...side, score: 55 },
  };
}
