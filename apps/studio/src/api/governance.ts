import type { Change, Impact } from '@qualify/rules';
import { api, baseHeaders, networkError, toApiError } from './client.ts';

/** Shapes of the runtime's review answers (docs/governance.md); they mirror the runtime's and the rules core's. */

/** Who may approve a proposal, and whether publishing needs one. */
export interface ApprovalRule {
  required: boolean;
  role: 'approver' | 'admin';
  /** Nobody who edited the proposal (saved the draft or proposed it) may approve it. */
  excludeEditors: boolean;
}

export interface ApprovalAnswer {
  rule: ApprovalRule;
  source: 'workflow' | 'default';
}

export interface Comment {
  id: string;
  by: string;
  at: string;
  text: string;
  verdict: 'approve' | 'request_changes' | null;
}

export type ProposalStatus = 'open' | 'approved' | 'changes_requested' | 'withdrawn' | 'published';

export interface Proposal {
  id: string;
  revision: number;
  note: string;
  by: string;
  at: string;
  status: ProposalStatus;
  editors: string[];
  comments: Comment[];
  decidedBy?: string;
  decidedAt?: string;
  withdrawnReason?: string;
  publishedVersion?: number;
}

// The diff's shapes are the rules core's own: the runtime answers what `diffWorkflows` and `impactOf` return.
export type { Change, ChangeKind, Impact, Move } from '@qualify/rules';

/** A side of a comparison: "draft", "live" or a version number. */
export type DiffSide = number | 'draft' | 'live';

export interface DiffAnswer {
  from: { label: string; version: number | null };
  to: { label: string; version: number | null };
  changes: Change[];
  /** Null when a side does not compile (an unfinished draft); `impactIssue` says why. */
  impact: Impact | null;
  impactIssue?: string;
  sample: { source: string; leads: number };
}

/** The impact measured on a file of leads: how many were read and which lines could not be. */
export interface FileImpactAnswer {
  impact: Impact;
  rows: number;
  skipped: number;
  skippedLines: { line: number; code?: string; detail?: string }[];
}

/** The content type the runtime reads a leads file as, from its name. */
export function leadsFileType(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'application/x-ndjson';
  if (lower.endsWith('.json')) return 'application/json';
  return 'text/csv';
}

const wf = (id: string) => `/v1/workflows/${encodeURIComponent(id)}`;
const pr = (id: string, pid: string) => `${wf(id)}/proposals/${encodeURIComponent(pid)}`;

/** Typed calls for the review flow: approval rule, proposals, and the diff between two workflows. */
export const governance = {
  approval: (id: string) => api<ApprovalAnswer>('GET', `${wf(id)}/approval`),
  setApproval: (id: string, rule: ApprovalRule) => api<ApprovalAnswer>('PUT', `${wf(id)}/approval`, rule),
  proposals: (id: string) => api<{ items: Proposal[] }>('GET', `${wf(id)}/proposals`).then((r) => r.items),
  proposal: (id: string, pid: string) => api<Proposal>('GET', pr(id, pid)),
  /** Proposes the draft at `revision`; 409 when the draft moved on or a proposal already waits. */
  propose: (id: string, note: string, revision: number) =>
    api<Proposal>('POST', `${wf(id)}/proposals`, { note, revision }),
  comment: (id: string, pid: string, text: string) =>
    api<Proposal>('POST', `${pr(id, pid)}/comments`, { text }),
  /** Approves or requests changes; 403 `self_approval` when the rule keeps editors from approving. */
  review: (id: string, pid: string, verdict: 'approve' | 'request_changes', comment: string) =>
    api<Proposal>('POST', `${pr(id, pid)}/review`, { verdict, comment }),
  withdraw: (id: string, pid: string) => api<Proposal>('POST', `${pr(id, pid)}/withdraw`, {}),
  /** What changed from one side to the other, and how the sample leads move. */
  diff: (id: string, from: DiffSide, to: DiffSide) =>
    api<DiffAnswer>('GET', `${wf(id)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  /** The same comparison's impact on a file of the team's own leads (CSV, NDJSON or a JSON array). */
  impactOfFile: async (id: string, from: DiffSide, to: DiffSide, file: File): Promise<FileImpactAnswer> => {
    const headers = { ...baseHeaders(), 'content-type': leadsFileType(file.name) };
    const url = `${wf(id)}/diff/impact?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: file });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as FileImpactAnswer;
  },
};
