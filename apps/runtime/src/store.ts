import type { Artifact, RouteKind, Stage } from '@qualify/rules';
import type { ApprovalRule, ProposalRow } from './approval/schemas.ts';
import type { AuditEntry, AuditEvent, AuditFilter, AuditPage } from './audit/types.ts';
import type { Draft, Role } from './schemas.ts';
import type { ChallengerRow, PastChallenger, ShadowEntry, ShadowFilter } from './shadow/types.ts';

/** A published version: immutable once written. */
export interface VersionRow {
  number: number;
  note: string;
  publishedBy: string;
  publishedAt: string;
  /** The draft revision it was published from; tells whether the draft moved on since. */
  fromRevision: number;
  workflow: Draft;
  artifact: Artifact;
  /** The approved proposal it was published from. */
  proposalId?: string;
  /** Who approved that proposal. */
  approvedBy?: string;
  /** Published although test cases failed: who decided, why, and which cases (names). */
  testOverride?: TestOverride;
}

export interface TestOverride {
  reason: string;
  by: string;
  failed: string[];
}

export interface WorkflowRow {
  id: string;
  draft: Draft;
  revision: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  liveVersion: number | null;
  /** Oldest first; `number` is the position + 1. */
  versions: VersionRow[];
  /** Sales leaders' agreements to a version, oldest first; absent in stores written before sign-offs. */
  signoffs?: SignoffRow[];
  /** Who saved the draft since the last publish (or creation); publishing empties it. */
  draftEditors?: string[];
  /** Absent: the default rule (`approval/rule.ts`), which depends on whether keys are required. */
  approval?: ApprovalRule;
  /** Oldest first; at most one is open or approved at a time. */
  proposals?: ProposalRow[];
  /** The version or proposal evaluated beside the live version (a shadow run); absent or null: none. */
  challenger?: ChallengerRow | null;
  /** Challengers stopped or replaced, oldest first; absent in stores written before shadow runs. */
  pastChallengers?: PastChallenger[];
}

/** A person's agreement to one version of the workflow, recorded from the SLA view. */
export interface SignoffRow {
  id: string;
  /** Who agreed: "Dana Reyes". */
  name: string;
  /** Their role in the agreement: "VP Sales". */
  title: string;
  /** The version agreed to. */
  version: number;
  note: string;
  /** The API key (or `local`) that recorded it: who typed it in, which need not be who agreed. */
  recordedBy: string;
  at: string;
}

/** A new workflow's row: its draft at revision 1, nothing published yet. */
export function newWorkflowRow(draft: WorkflowRow['draft'], at: string): WorkflowRow {
  return {
    id: draft.id,
    draft,
    revision: 1,
    archived: false,
    createdAt: at,
    updatedAt: at,
    liveVersion: null,
    versions: [],
  };
}

export interface KeyRow {
  id: string;
  name: string;
  role: Role;
  /** sha256 (hex) of the key; the key itself is never stored. */
  hash: string;
  /** The first characters of the key, so a person can tell keys apart. */
  prefix: string;
  createdAt: string;
}

export interface DecisionLogEntry {
  decisionId: string;
  workflowId: string;
  version: number;
  leadId: string | null;
  email: string | null;
  route: RouteKind | null;
  target: string | null;
  /**
   * The route node the lead reached, so two routes with the same queue (territories) count apart.
   * Read back as undefined from entries logged before it was recorded.
   */
  routeNodeId: string | null;
  stage: Stage;
  score: number;
  at: string;
}

export interface DecisionFilter {
  workflow?: string;
  /** Matches the lead id or the e-mail address. */
  lead?: string;
  route?: RouteKind;
  stage?: Stage;
  /** ISO time; only decisions at or after it. */
  since?: string;
}

export interface DecisionPage {
  items: DecisionLogEntry[];
  nextCursor: string | null;
}

/** How many log entries a removal took, per log. */
export interface LogCounts {
  decisions: number;
  shadowEntries: number;
}

/** The entry or entries a change records in the audit trail, in the same commit as the change. */
export type Audit = AuditEvent | readonly AuditEvent[];

/**
 * A change to one workflow row, given the row as it stands: the next row and what to record. It runs
 * synchronously before anything is written and may throw to refuse (a ProblemError), so its checks
 * and its change are one step.
 */
export type WorkflowChange = (row: WorkflowRow) => { row: WorkflowRow; audit: Audit };

/** Outcomes a caller must handle, returned rather than thrown so the store stays free of HTTP. */
export type SaveDraftResult = { ok: WorkflowRow } | { conflict: number } | { missing: true };
export type AddVersionResult = { ok: WorkflowRow } | { conflict: number } | { missing: true };

/**
 * Everything the runtime keeps. Reads are synchronous from memory; each write applies to memory at
 * once and its promise resolves when the change is durable on disk, so an answered request is never
 * lost. Returned rows are shared: treat them as read-only.
 */
export interface Store {
  isReady(): boolean;

  listWorkflows(): readonly WorkflowRow[];
  getWorkflow(id: string): WorkflowRow | undefined;
  // Every change below records its `audit` entries in the same commit as the change itself.
  /** Resolves to null when the id is taken. */
  createWorkflow(row: WorkflowRow, audit: Audit): Promise<WorkflowRow | null>;
  /**
   * Saves the draft at the next revision, adds `audit.actor` to `draftEditors`, and withdraws an open
   * or approved proposal (recording `proposal.withdrawn`): an edit is not what was reviewed.
   */
  saveDraft(
    id: string,
    draft: Draft,
    expectedRevision: number,
    at: string,
    audit: AuditEvent,
  ): Promise<SaveDraftResult>;
  setArchived(id: string, archived: boolean, at: string, audit: Audit): Promise<WorkflowRow | undefined>;
  /**
   * Appends `version` (its number must be the next one, from the current revision), makes it live and
   * empties `draftEditors`; the proposal `version.proposalId` names becomes `published`.
   */
  addVersion(id: string, version: VersionRow, at: string, audit: Audit): Promise<AddVersionResult>;
  setLive(id: string, version: number, at: string, audit: Audit): Promise<WorkflowRow | undefined>;
  /** Appends a sign-off; the caller checked that its version exists. Undefined when the workflow does not. */
  addSignoff(id: string, signoff: SignoffRow, audit: Audit): Promise<WorkflowRow | undefined>;
  /** Any other change to a row (proposals, the approval rule). Undefined when the workflow does not exist. */
  changeWorkflow(id: string, at: string, change: WorkflowChange): Promise<WorkflowRow | undefined>;

  listKeys(): readonly KeyRow[];
  findKeyByHash(hash: string): KeyRow | undefined;
  createKey(row: KeyRow, audit: Audit): Promise<KeyRow>;
  deleteKey(id: string, at: string, audit: Audit): Promise<boolean>;

  /** Records a change kept elsewhere (the hand-off store's subscriptions and pools), after it was written. */
  appendAudit(event: AuditEvent, at: string): Promise<AuditEntry>;
  /** Newest first; `cursor` is the `nextCursor` of the page before. Entries are never edited or removed. */
  listAudit(filter: AuditFilter, cursor: string | undefined, limit: number): Promise<AuditPage>;

  /** Buffers the entry; it reaches disk with the next periodic flush (DECISION_FLUSH_MS). */
  appendDecision(entry: DecisionLogEntry): void;
  /**
   * Resolves when every decision appended so far is durable, for a store whose writes are quick enough
   * that an answer waits for them (PostgreSQL: one batched INSERT for all requests waiting); null for
   * the embedded log, whose decisions reach disk with the next periodic flush, after the answer.
   */
  decisionsDurable(): Promise<void> | null;
  /** Entries waiting for the disk, and how many were dropped because too many waited (a failing disk). */
  decisionLogState(): { unwritten: number; dropped: number };
  /** Newest first; `cursor` is the `nextCursor` of the page before. */
  listDecisions(filter: DecisionFilter, cursor: string | undefined, limit: number): Promise<DecisionPage>;
  getDecision(id: string): Promise<DecisionLogEntry | undefined>;
  /**
   * Calls `visit` for every entry that passes `filter`, newest first, stopping at `filter.since`:
   * one pass over the log for counts (the expected weekly volume), where paging would read files again.
   */
  scanDecisions(filter: DecisionFilter, visit: (e: DecisionLogEntry) => void): Promise<void>;

  /** Buffers a shadow entry for the shadow log; false when dropped (too many waiting for the disk). */
  appendShadow(entry: ShadowEntry): boolean;
  /** Every shadow entry of one challenger in the period, after writing what is buffered. */
  scanShadow(filter: ShadowFilter, visit: (e: ShadowEntry) => void): Promise<void>;

  /**
   * Deletes the decisions and shadow entries logged before `beforeIso` (retention), buffered ones
   * included; durable when it resolves.
   */
  prune(beforeIso: string): Promise<LogCounts>;
  /**
   * Deletes every decision whose lead id is one of the values or whose e-mail is one of them (compared
   * in lower case), and every shadow entry of those lead ids, buffered ones included (erasure); durable
   * when it resolves: a crash after it cannot bring them back.
   */
  eraseLead(leadIdOrEmail: string | readonly string[]): Promise<LogCounts>;

  /** Writes buffered decisions and waits for pending writes. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
