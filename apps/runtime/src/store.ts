import type { Artifact, RouteKind, Stage } from '@qualify/rules';
import type { Draft, Role } from './schemas.ts';
import type {
  ChallengerRow,
  NewChallenger,
  PastChallenger,
  ShadowEntry,
  ShadowFilter,
} from './shadow/types.ts';

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
  /** Resolves to null when the id is taken. */
  createWorkflow(row: WorkflowRow): Promise<WorkflowRow | null>;
  saveDraft(id: string, draft: Draft, expectedRevision: number, at: string): Promise<SaveDraftResult>;
  setArchived(id: string, archived: boolean, at: string): Promise<WorkflowRow | undefined>;
  /** Appends `version` (its number must be the next one) and makes it live. */
  addVersion(id: string, version: VersionRow, at: string): Promise<AddVersionResult>;
  setLive(id: string, version: number, at: string): Promise<WorkflowRow | undefined>;
  /** Appends a sign-off; the caller checked that its version exists. Undefined when the workflow does not. */
  addSignoff(id: string, signoff: SignoffRow): Promise<WorkflowRow | undefined>;
  /**
   * Starts `next` as the workflow's challenger (numbered `c1`, `c2`... here) or, with null, stops the
   * running one; a running one is moved to `pastChallengers` as stopped by `stop`. Undefined when the
   * workflow does not exist.
   */
  setChallenger(
    id: string,
    next: NewChallenger | null,
    stop: { by: string; at: string },
  ): Promise<WorkflowRow | undefined>;

  listKeys(): readonly KeyRow[];
  findKeyByHash(hash: string): KeyRow | undefined;
  createKey(row: KeyRow): Promise<KeyRow>;
  deleteKey(id: string): Promise<boolean>;

  /** Buffers the entry; it reaches disk with the next periodic flush (DECISION_FLUSH_MS). */
  appendDecision(entry: DecisionLogEntry): void;
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

  /** Writes buffered decisions and waits for pending writes. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
