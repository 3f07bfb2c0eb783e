import type { Workflow } from '@qualify/rules';
import { api } from './client.ts';
import type { Move } from './governance.ts';
import { queryOf } from './handoff.ts';

/** A version, or the approved proposal, evaluated beside the live version without side effects. */
export interface Challenger {
  id: string;
  source: { kind: 'version'; version: number } | { kind: 'proposal'; proposalId: string; revision: number };
  /** "Version 3", "Proposal p2 (revision 9)". */
  label: string;
  workflow: Workflow;
  startedBy: string;
  startedAt: string;
}

export interface ScoreBin {
  from: number;
  to: number;
  live: number;
  challenger: number;
}

/** A challenger that was stopped or replaced; its reports stay readable. */
export interface PastChallenger extends Omit<Challenger, 'workflow'> {
  stoppedBy: string;
  stoppedAt: string;
}

/** The running challenger (null: none) and the earlier ones, newest first. */
export interface ChallengerState {
  challenger: Challenger | null;
  past: PastChallenger[];
}

/** GET /v1/workflows/{id}/shadow/report: the live version and the challenger over a period. */
export interface ShadowReport {
  challenger: Omit<Challenger, 'workflow'> & { running: boolean; stoppedAt: string | null };
  since: string;
  until: string;
  /** Live evaluations the challenger also decided in the period. */
  evaluations: number;
  /** Of them, those with the same route (kind and target) and stage. */
  agreed: number;
  agreementRate: number | null;
  routeMoves: Move[];
  stageMoves: Move[];
  scores: { bins: ScoreBin[] };
}

export type { Move };

export type ChallengerChoice = { version: number } | { proposal: string };

const wf = (id: string) => `/v1/workflows/${encodeURIComponent(id)}`;

/** Shadow runs of one workflow (docs/governance.md, "Shadow runs"). */
export const shadow = {
  state: (id: string) => api<ChallengerState>('GET', `${wf(id)}/challenger`),
  /** Starts a challenger (replacing a running one); needs the approver role. */
  start: (id: string, choice: ChallengerChoice) =>
    api<ChallengerState>('PUT', `${wf(id)}/challenger`, choice),
  stop: (id: string) => api<ChallengerState>('DELETE', `${wf(id)}/challenger`),
  /** Without a challenger id: the running one, else the last one stopped. */
  report: (id: string, filter: { challenger?: string; since?: string; until?: string }) =>
    api<ShadowReport>('GET', `${wf(id)}/shadow/report${queryOf({ ...filter })}`),
  /** The challenger becomes the draft and is proposed; the approved proposal itself is published. */
  promote: (id: string, revision: number, note: string) =>
    api<Record<string, unknown>>('POST', `${wf(id)}/challenger/promote`, { revision, note }),
};
