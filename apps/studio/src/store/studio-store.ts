import { type Decision, type Issue, migrateWorkflow, type RouteTally, type Workflow } from '@qualify/rules';
import { create } from 'zustand';
import type { ApprovalAnswer, Proposal } from '../api/governance.ts';
import type { WorkflowRecord, WorkflowSummary } from '../api/types.ts';
import { type BacktestSession, emptySession, stopRun } from '../backtest/session.ts';
import {
  type Clip,
  copyNodes,
  duplicateNodes,
  moveNodes,
  type Position,
  pasteClip,
  removeElements,
} from '../graph/edits.ts';
import type { Size } from '../graph/layout.ts';

/** The record's bookkeeping without the document itself. */
export type RecordMeta = Omit<WorkflowRecord, 'workflow'>;

export type SaveState =
  | { status: 'saved' }
  | { status: 'pending' }
  | { status: 'saving' }
  | { status: 'error'; message: string }
  | { status: 'conflict'; currentRevision: number | null };

export type SideTab =
  | 'inspector'
  | 'test'
  | 'cases'
  | 'problems'
  | 'fields'
  | 'scoring'
  | 'versions'
  | 'review';

/** The open workflow's review state as the runtime last answered it: its approval rule and proposals. */
export interface ReviewInfo {
  approval: ApprovalAnswer | null;
  /** Newest first; null until read. */
  proposals: Proposal[] | null;
  error: string | null;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** What the test panel holds between tab switches: form values by field path, or pasted JSON. */
export interface TestInput {
  mode: 'form' | 'json';
  values: Record<string, string>;
  json: string;
  /** Evaluation time as a datetime-local string; empty means now. */
  now: string;
  /** The example lead last picked, if any. */
  sample: string;
}

export interface TestRun {
  decision: Decision;
  /** The document the lead ran against; the highlight is marked stale once the draft moves on. */
  doc: Workflow;
  /** The lead as it ran (an object), for "Save as test case"; null when it was not an object. */
  lead: Record<string, unknown> | null;
  /** The name of the example lead that ran, if one was picked and left unchanged. */
  sample: string;
  /** The name of the test case this run was saved as. */
  savedAs?: string;
}

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1200;

export interface StudioState {
  /** Why the API-key dialog is open: the runtime answered 401, or the user wants to act with another key. */
  needKey: false | 'unauthorized' | 'switch';
  notices: Notice[];

  meta: RecordMeta | null;
  doc: Workflow | null;
  /** The document the runtime last stored; the draft is dirty while `doc` differs. */
  savedDoc: Workflow | null;
  past: Workflow[];
  future: Workflow[];
  lastCommit: { key: string; at: number } | null;
  dragBase: Workflow | null;
  selectedNodes: string[];
  selectedEdges: string[];
  issues: Issue[];
  measured: Record<string, Size>;
  clipboard: Clip | null;
  save: SaveState;
  run: TestRun | null;
  testInput: TestInput;
  tab: SideTab;
  focus: { nodeId: string; seq: number } | null;
  /** A step just added: its form takes the keyboard focus once the inspector shows it. */
  formFocus: string | null;
  /** The step whose exit the "Connect…" dialog connects; null while the dialog is closed. */
  connecting: string | null;
  backtest: BacktestSession;
  review: ReviewInfo;
  /** Steps a shown comparison changed, marked on the canvas; null when no comparison is shown. */
  changedSteps: ReadonlySet<string> | null;
  /**
   * Leads per route in this session's last finished backtest (its first version), kept after the editor
   * lets go of the draft: the SLA view's volume when the decision log has none for the workflow.
   */
  lastBacktest: { workflowId: string; leads: number; routes: RouteTally[] } | null;

  setNeedKey(need: StudioState['needKey']): void;
  notify(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;

  load(record: WorkflowRecord): void;
  unload(): void;
  /**
   * Records an edit. Edits sharing `key` within a moment (typing in one input) undo as one; `join`
   * makes this edit part of the one just recorded (one gesture that changes two places).
   */
  commit(next: Workflow, opts?: { key?: string; select?: string[]; join?: boolean }): void;
  undo(): void;
  redo(): void;
  beginDrag(): void;
  dragTo(positions: ReadonlyMap<string, Position>): void;
  endDrag(): void;
  select(nodes: string[], edges: string[]): void;
  setIssues(issues: Issue[]): void;
  setMeasured(sizes: Record<string, Size>): void;
  copySelection(): void;
  paste(): void;
  duplicateSelection(): void;
  deleteSelection(): void;
  setSave(save: SaveState): void;
  saved(record: WorkflowSummary, sent: Workflow): void;
  /** Takes the bookkeeping of a fresh record (after publish or make-live) without touching the draft. */
  setMeta(record: WorkflowSummary): void;
  setRun(run: TestRun | null): void;
  setTestInput(patch: Partial<TestInput>): void;
  setTab(tab: SideTab): void;
  focusNode(nodeId: string): void;
  setFormFocus(nodeId: string | null): void;
  setConnecting(nodeId: string | null): void;
  setBacktest(patch: Partial<BacktestSession>): void;
  setReview(patch: Partial<ReviewInfo>): void;
  setChangedSteps(ids: ReadonlySet<string> | null): void;
}

let noticeSeq = 0;
let focusSeq = 0;

const metaOf = (r: WorkflowSummary): RecordMeta => ({
  id: r.id,
  name: r.name,
  description: r.description,
  archived: r.archived,
  revision: r.revision,
  updatedAt: r.updatedAt,
  liveVersion: r.liveVersion,
  latestVersion: r.latestVersion,
  hasUnpublishedChanges: r.hasUnpublishedChanges,
});

/** Keeps only the ids still present in the document. */
function pruneSelection(doc: Workflow, nodes: string[], edges: string[]) {
  const n = new Set(doc.nodes.map((x) => x.id));
  const e = new Set(doc.edges.map((x) => x.id));
  return { selectedNodes: nodes.filter((id) => n.has(id)), selectedEdges: edges.filter((id) => e.has(id)) };
}

/** Everything that belongs to the open workflow, as it is when none is open: loading starts from it. */
function noDocument() {
  return {
    meta: null,
    doc: null,
    savedDoc: null,
    past: [],
    future: [],
    lastCommit: null,
    dragBase: null,
    selectedNodes: [],
    selectedEdges: [],
    issues: [],
    measured: {},
    save: { status: 'saved' },
    run: null,
    focus: null,
    formFocus: null,
    connecting: null,
    testInput: { mode: 'form', values: {}, json: '{\n  \n}', now: '', sample: '' },
    backtest: emptySession(),
    review: { approval: null, proposals: null, error: null },
    changedSteps: null,
  } satisfies Partial<StudioState>;
}

/** The one studio store; components reach it through the selector hooks beside this file. */
export const useStudio = create<StudioState>()((set, get) => ({
  needKey: false,
  notices: [],
  ...noDocument(),
  clipboard: null,
  tab: 'inspector',
  lastBacktest: null,

  setNeedKey: (needKey) => set({ needKey }),
  notify: (kind, message) => {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.filter((n) => n.message !== message), { id, kind, message }] }));
    if (kind === 'info') setTimeout(() => get().dismiss(id), 4000);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),

  load: (record) => {
    stopRun(get().backtest.run);
    // An older stored draft is shown (and saved, once edited) in the current format.
    const doc = migrateWorkflow(record.workflow);
    set({ ...noDocument(), meta: metaOf(record), doc, savedDoc: doc });
  },
  unload: () => {
    stopRun(get().backtest.run);
    set(noDocument());
  },

  commit: (next, opts = {}) => {
    const { doc, past, lastCommit } = get();
    if (!doc || next === doc) return;
    const now = Date.now();
    const coalesce =
      (opts.join && past.length > 0) ||
      (opts.key !== undefined && lastCommit?.key === opts.key && now - lastCommit.at < COALESCE_MS);
    const selection = opts.select
      ? { selectedNodes: opts.select, selectedEdges: [] }
      : pruneSelection(next, get().selectedNodes, get().selectedEdges);
    set({
      doc: next,
      past: coalesce ? past : [...past, doc].slice(-HISTORY_LIMIT),
      future: [],
      lastCommit: opts.key !== undefined ? { key: opts.key, at: now } : null,
      ...selection,
    });
  },
  undo: () => {
    const { doc, past, future, selectedNodes, selectedEdges } = get();
    const prev = past.at(-1);
    if (!doc || !prev) return;
    set({
      doc: prev,
      past: past.slice(0, -1),
      future: [doc, ...future],
      lastCommit: null,
      ...pruneSelection(prev, selectedNodes, selectedEdges),
    });
  },
  redo: () => {
    const { doc, past, future, selectedNodes, selectedEdges } = get();
    const next = future[0];
    if (!doc || !next) return;
    set({
      doc: next,
      past: [...past, doc],
      future: future.slice(1),
      lastCommit: null,
      ...pruneSelection(next, selectedNodes, selectedEdges),
    });
  },

  beginDrag: () => set((s) => ({ dragBase: s.dragBase ?? s.doc })),
  dragTo: (positions) => {
    const { doc } = get();
    if (doc) set({ doc: moveNodes(doc, positions) });
  },
  endDrag: () => {
    const { dragBase, doc, past } = get();
    if (!dragBase || !doc) return set({ dragBase: null });
    set({
      dragBase: null,
      ...(dragBase !== doc
        ? { past: [...past, dragBase].slice(-HISTORY_LIMIT), future: [], lastCommit: null }
        : {}),
    });
  },

  select: (selectedNodes, selectedEdges) => {
    const s = get();
    const same =
      s.selectedNodes.length === selectedNodes.length &&
      s.selectedEdges.length === selectedEdges.length &&
      s.selectedNodes.every((id, i) => id === selectedNodes[i]) &&
      s.selectedEdges.every((id, i) => id === selectedEdges[i]);
    if (!same) set({ selectedNodes, selectedEdges });
  },
  setIssues: (issues) => set({ issues }),
  setMeasured: (sizes) => set((s) => ({ measured: { ...s.measured, ...sizes } })),

  copySelection: () => {
    const { doc, selectedNodes } = get();
    if (!doc || !selectedNodes.length) return;
    const clip = copyNodes(doc, selectedNodes);
    if (clip.nodes.length) set({ clipboard: clip });
  },
  paste: () => {
    const { doc, clipboard } = get();
    if (!doc || !clipboard?.nodes.length) return;
    const pasted = pasteClip(doc, clipboard, { x: 60, y: 60 });
    get().commit(pasted.doc, { select: pasted.ids });
    // The next paste lands further along, not on top of this one.
    set({ clipboard: copyNodes(pasted.doc, pasted.ids) });
  },
  duplicateSelection: () => {
    const { doc, selectedNodes } = get();
    if (!doc || !selectedNodes.length) return;
    const dup = duplicateNodes(doc, selectedNodes);
    if (dup.ids.length) get().commit(dup.doc, { select: dup.ids });
  },
  deleteSelection: () => {
    const { doc, selectedNodes, selectedEdges } = get();
    if (!doc) return;
    get().commit(removeElements(doc, selectedNodes, selectedEdges));
  },

  setSave: (save) => set({ save }),
  saved: (record, sent) => {
    set({ meta: metaOf(record), savedDoc: sent });
    const s = get();
    set({ save: s.doc === sent ? { status: 'saved' } : { status: 'pending' } });
  },
  setMeta: (record) => set({ meta: metaOf(record) }),
  setRun: (run) => set({ run }),
  setTestInput: (patch) => set((s) => ({ testInput: { ...s.testInput, ...patch } })),
  setTab: (tab) => set({ tab }),
  focusNode: (nodeId) =>
    set({ focus: { nodeId, seq: ++focusSeq }, selectedNodes: [nodeId], selectedEdges: [] }),
  setFormFocus: (formFocus) => set({ formFocus }),
  setConnecting: (connecting) => set({ connecting }),
  setReview: (patch) => set((s) => ({ review: { ...s.review, ...patch } })),
  setChangedSteps: (changedSteps) => set({ changedSteps }),
  setBacktest: (patch) =>
    set((s) => {
      const first = patch.run?.status === 'done' ? patch.run.report.versions[0] : undefined;
      return {
        backtest: { ...s.backtest, ...patch },
        ...(first && s.meta
          ? { lastBacktest: { workflowId: s.meta.id, leads: first.leads, routes: first.routes } }
          : {}),
      };
    }),
}));
