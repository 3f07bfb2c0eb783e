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

/** GET /v1/workflows/{id}/shadow/report: the live version and the challenger over a period. */
export interface ShadowReport {
  challenger: unknown;
  since: string | null;
  until: string | null;
  evaluations: number;
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
  challenger: (id: string) =>
    api<{ challenger: Challenger | null }>('GET', `${wf(id)}/challenger`).then((r) => r.challenger),
  /** Starts a challenger (replacing a running one); needs the approver role. */
  start: (id: string, choice: ChallengerChoice) => api<Challenger>('PUT', `${wf(id)}/challenger`, choice),
  stop: (id: string) => api<unknown>('DELETE', `${wf(id)}/challenger`),
  report: (id: string, filter: { challenger?: string; since?: string; until?: string }) =>
    api<ShadowReport>('GET', `${wf(id)}/shadow/report${queryOf({ ...filter })}`),
  /** The challenger becomes the draft and is proposed; the approved proposal itself is published. */
  promote: (id: string, revision: number, note: string) =>
    api<Record<string, unknown>>('POST', `${wf(id)}/challenger/promote`, { revision, note }),
};
