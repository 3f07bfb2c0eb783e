import type { ColumnMapping, Workflow } from '@qualify/rules';
import type { BacktestReport, BacktestStart } from '../api/backtest.ts';
import type { UploadHeader } from './read-header.ts';
import type { RowValues } from './scan-file.ts';

/** Where a run is: under way (with its rows so far), finished, failed or cancelled. */
export type RunState =
  | { status: 'idle' }
  | {
      status: 'running';
      rows: number;
      start: BacktestStart | null;
      controller: AbortController;
      /** Share of the file sent so far (0 to 1), while the browser uploads it. */
      sent?: number;
    }
  | {
      status: 'done';
      report: BacktestReport;
      start: BacktestStart | null;
      /** The draft the run read: results go stale once it moves on. */
      ranOn: Workflow;
      /** The documents of the two versions compared, to name the thresholds that moved. */
      compared: { before: Workflow; after: Workflow } | null;
      comparedError: string | null;
    }
  | { status: 'error'; message: string; rows: number }
  | { status: 'cancelled'; rows: number };

/** A sweep point taken into the draft, so the page can say so and offer undo. */
export interface AppliedPoint {
  nodeId: string;
  tierId: string;
  label: string;
  from: number;
  to: number;
  /** The draft right after the edit: undo is offered while it is still the current one. */
  doc: Workflow;
}

/** The Backtest page's state, kept in the studio store so it survives switching to the canvas and back. */
export interface BacktestSession {
  file: File | null;
  header: UploadHeader | null;
  headerError: string | null;
  mapping: ColumnMapping;
  outcome: string;
  /** Version tokens (`live`, `draft`, `v<N>`); null until the user picks, then the defaults apply. */
  first: string | null;
  second: string | null;
  /** `<node id>:<tier id>` or '' for no sweep. */
  sweep: string;
  /** Comma-separated thresholds typed by the user; empty means the runtime's default range. */
  thresholds: string;
  run: RunState;
  applied: AppliedPoint | null;
  /** When rows are evaluated: each as of its time in `timeColumn`, or the file as of one date. */
  timeMode: 'column' | 'asOf';
  timeColumn: string;
  /** The as-of date the user typed; null (or blank) means the default, the latest date in the file. */
  asOfText: string | null;
  /** The latest date of each column, read from the whole file in the browser (`scanFile`). */
  dates: FileDates;
  /** The file's first rows, kept by the same read: the editor's distribution counts them. */
  rows: FileRows;
}

export type FileDates =
  | { status: 'none' }
  | { status: 'reading' }
  | { status: 'done'; byColumn: Map<string, number> }
  | { status: 'error'; message: string };

export type FileRows =
  | { status: 'none' }
  | { status: 'reading' }
  | { status: 'done'; rows: RowValues[]; rowCount: number }
  | { status: 'error'; message: string };

export const emptySession = (): BacktestSession => ({
  file: null,
  header: null,
  headerError: null,
  mapping: {},
  outcome: '',
  first: null,
  second: null,
  sweep: '',
  thresholds: '',
  run: { status: 'idle' },
  applied: null,
  timeMode: 'asOf',
  timeColumn: '',
  asOfText: null,
  dates: { status: 'none' },
  rows: { status: 'none' },
});

/** Stops a run that is under way (leaving the workflow, a new file, Cancel). */
export function stopRun(run: RunState): void {
  if (run.status === 'running') run.controller.abort();
}
