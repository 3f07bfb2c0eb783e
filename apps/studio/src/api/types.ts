import type { Artifact, Decision, Issue, Workflow } from '@qualify/rules';

/** Shapes of the runtime's answers, as written in docs/api-contract.md. */
export interface WorkflowSummary {
  id: string;
  name: string;
  description: string;
  archived: boolean;
  revision: number;
  updatedAt: string;
  liveVersion: number | null;
  latestVersion: number | null;
  hasUnpublishedChanges: boolean;
}

export interface WorkflowRecord extends WorkflowSummary {
  workflow: Workflow;
}

export interface VersionSummary {
  number: number;
  note: string;
  publishedBy: string;
  publishedAt: string;
  live: boolean;
  /** Who approved the proposal it was published from, when it was (docs/governance.md). */
  approvedBy?: string;
  proposalId?: string;
}

export interface Version extends VersionSummary {
  workflow: Workflow;
  artifact: Artifact;
}

export interface SampleLead {
  name: string;
  now?: string;
  lead: Record<string, unknown>;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  workflow: Workflow;
  leads: SampleLead[];
}

export interface Me {
  role: string;
  name: string;
  mode: 'local' | 'key';
}

/** A person's agreement to a version, recorded from the SLA view (docs/api-contract.md, "The agreement"). */
export interface Signoff {
  id: string;
  name: string;
  title: string;
  version: number;
  note: string;
  recordedBy: string;
  at: string;
}

export interface RouteVolume {
  nodeId: string;
  label: string;
  kind: 'sales' | 'nurture' | 'disqualify';
  target: string;
  current: boolean;
  perWeek: number[];
  total: number;
  weeklyAverage: number;
}

/** GET /v1/workflows/{id}/volume: logged decisions per route and week. */
export interface Volume {
  workflowId: string;
  weeks: number;
  from: string;
  to: string;
  weekStarts: string[];
  decisions: number;
  noRoute: number;
  routes: RouteVolume[];
  message: string | null;
}

/** The hand-off in an evaluate answer (docs/api-contract.md); a draft test run's is a preview. */
export interface HandoffAnswer {
  leadId: string | null;
  priorStage: string | null;
  stage: string;
  stageKept: boolean;
  owner: { id: string; name: string; email: string } | null;
  pool: string | null;
  queue: string | null;
  assigned: 'new' | 'kept' | 'fallback' | null;
  reasons?: string[];
  sla: { dueAt: string; workingHours: string | null; status: string } | null;
  /** A draft test run: what a real evaluation would do now; nothing was assigned. */
  preview?: true;
}

export type { Decision, Issue };
