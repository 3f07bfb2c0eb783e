import type { ColumnMapping, DataIssue, RouteChange, SweepPoint, VersionMetrics } from '@qualify/rules';
import { ApiError, baseHeaders, networkError, toApiError } from './client.ts';
import { postWithProgress } from './upload.ts';

/** What a backtest asks for: the query of POST /v1/workflows/{id}/backtest (docs/api-contract.md). */
export interface BacktestRequest {
  outcome: string;
  mapping?: ColumnMapping;
  /** 1 or 2 of `live`, `draft`, `v<N>`; the first is the baseline of the route changes. */
  versions?: string[];
  now?: string;
  /** One time for the file (ISO 8601 date or date-time, or `latest`); with a column, for rows without a time. */
  asOf?: string;
  /** The column holding each row's own time. */
  evaluatedAtColumn?: string;
  /** `<branch node id>:<tier id>` */
  sweep?: string;
  thresholds?: number[];
}

/** Which time the rows were evaluated at, as the runtime says it (docs/api-contract.md, "Evaluated at"). */
export interface EvaluatedAt {
  column: string | null;
  columnFrom: 'evaluatedAtColumn' | 'suggested' | null;
  suggestedColumn: string | null;
  asOf: string;
  asOfFrom: 'asOf' | 'now' | 'latest' | 'clock';
  latest: { column: string; field: string } | null;
  text: string;
}

export interface BacktestStart {
  type: 'start';
  headers: string[];
  /** Which lead field each column fed (null: dropped): the request's mapping over the match by name. */
  mapping: ColumnMapping;
  /** Catalogue fields no column fed: missing for every lead. */
  unmappedFields: string[];
  /** The outcome column as the file spells it. */
  outcome: string;
  versions: string[];
  evaluatedAt: EvaluatedAt;
}

export interface BacktestSweep {
  nodeId: string;
  tierId: string;
  current: number;
  points: SweepPoint[];
}

/** The `result` line: everything the page shows. */
export interface BacktestReport {
  evaluatedAt: EvaluatedAt & {
    /** Rows whose time cell was missing or unreadable, evaluated at `asOf`. */
    fallbackRows: {
      count: number;
      sample: { line: number; value: string; reason: 'missing' | 'unreadable' }[];
    };
  };
  versions: VersionMetrics[];
  changes: RouteChange[];
  rows: number;
  /** `code` is the one the batch answers for the same row (too_few_cells, not_utf8...). */
  badRows: { count: number; sample: { line: number; code: string; error: string }[] };
  dataIssues: { count: number; sample: { line: number; issues: DataIssue[] }[] };
  sweep: BacktestSweep | null;
}

export type BacktestEvent =
  | BacktestStart
  | { type: 'progress'; rows: number }
  | { type: 'row'; line: number }
  | ({ type: 'result' } & BacktestReport)
  | { type: 'error'; code: string; detail: string };

/**
 * The query string of a backtest request.
 * @example backtestQuery({ outcome: 'converted', versions: ['live', 'draft'] }) // 'outcome=converted&versions=live%2Cdraft'
 */
export function backtestQuery(req: BacktestRequest): string {
  const q = new URLSearchParams({ outcome: req.outcome });
  if (req.mapping) q.set('mapping', JSON.stringify(req.mapping));
  if (req.versions?.length) q.set('versions', req.versions.join(','));
  if (req.now) q.set('now', req.now);
  if (req.asOf) q.set('asOf', req.asOf);
  if (req.evaluatedAtColumn) q.set('evaluatedAtColumn', req.evaluatedAtColumn);
  if (req.sweep) q.set('sweep', req.sweep);
  if (req.sweep && req.thresholds?.length) q.set('thresholds', req.thresholds.join(','));
  return q.toString();
}

/** Reads one answer line; a line that is not a known event is an error worth reporting, not skipping. */
export function parseBacktestEvent(line: string): BacktestEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ApiError(0, 'bad_answer', `The runtime sent a line that is not JSON: ${line.slice(0, 120)}`);
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (type === 'start' || type === 'progress' || type === 'row' || type === 'result' || type === 'error') {
    return value as BacktestEvent;
  }
  throw new ApiError(0, 'bad_answer', `The runtime sent an unknown line: ${line.slice(0, 120)}`);
}

/**
 * Sends the file itself as the body (the browser streams it from disk, reporting the bytes sent) and
 * answers the NDJSON answer's body; a refusal before streaming is an ApiError from its problem+json.
 */
export async function postBacktest(
  workflowId: string,
  file: Blob,
  contentType: string,
  req: BacktestRequest,
  signal: AbortSignal,
  onUpload?: (sent: number, total: number) => void,
): Promise<ReadableStream<Uint8Array>> {
  const headers = baseHeaders('application/x-ndjson, application/problem+json');
  headers['content-type'] = contentType;
  const path = `/v1/workflows/${encodeURIComponent(workflowId)}/backtest?${backtestQuery(req)}`;
  let res: Response;
  try {
    res = await postWithProgress(path, { headers, body: file, signal }, onUpload);
  } catch (err) {
    if (signal.aborted) throw err;
    throw networkError(err);
  }
  if (!res.ok) throw await toApiError(res);
  if (!res.body) throw new ApiError(res.status, 'bad_answer', 'The runtime answered without a body.');
  return res.body;
}
