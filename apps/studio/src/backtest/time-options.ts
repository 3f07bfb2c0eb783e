import {
  type ColumnMapping,
  type FieldCatalogue,
  formatAsOf,
  type LatestDate,
  latestDate,
  parseIsoDate,
} from '@qualify/rules';
import type { BacktestRequest } from '../api/backtest.ts';
import type { BacktestSession, FileDates } from './session.ts';

/** The file's default as-of date as the runtime finds it: the latest date in the columns fed to date fields. */
export type AsOfDefault =
  | { status: 'none' }
  | { status: 'reading' }
  | { status: 'error'; message: string }
  | { status: 'done'; latest: LatestDate | null };

export function asOfDefault(dates: FileDates, mapping: ColumnMapping, fields: FieldCatalogue): AsOfDefault {
  if (dates.status !== 'done') return dates;
  return { status: 'done', latest: latestDate(dates.byColumn, mapping, fields) };
}

/**
 * The default said in a sentence (without its full stop).
 * @example asOfSentence({ status: 'done', latest }) // 'Latest date in the file (2026-03-02, last website visit)'
 */
export function asOfSentence(d: AsOfDefault): string {
  if (d.status === 'reading') return 'Reading the file for its latest date…';
  if (d.status === 'error') return `${d.message} The runtime finds the latest date itself.`;
  if (d.status === 'none') return 'The latest date in the file';
  if (!d.latest) {
    return 'No column fed to a date field holds a date, so the runtime uses the current time, which then changes no rule';
  }
  return `Latest date in the file (${formatAsOf(d.latest.ms)}, ${d.latest.field.label.toLowerCase()})`;
}

/** What is wrong with a typed as-of date, or null (null or blank is the default). */
export function asOfError(text: string | null): string | null {
  const t = text?.trim() ?? '';
  if (t === '' || Number.isFinite(parseIsoDate(t))) return null;
  return `"${t}" is not a date: write it as 2026-03-31 (or 2026-03-31T18:00:00Z).`;
}

/**
 * The time parameters of the request. One date says `latest` when the user typed none, so the
 * runtime uses the file's latest date even where the headers suggest a column.
 * @example timeRequest({ timeMode: 'asOf', asOfText: null, timeColumn: '' }) // { asOf: 'latest' }
 */
export function timeRequest(
  b: Pick<BacktestSession, 'timeMode' | 'timeColumn' | 'asOfText'>,
): Pick<BacktestRequest, 'asOf' | 'evaluatedAtColumn'> {
  const asOf = b.asOfText?.trim() ?? '';
  if (b.timeMode === 'column' && b.timeColumn) {
    return { evaluatedAtColumn: b.timeColumn, ...(asOf ? { asOf } : {}) };
  }
  return { asOf: asOf || 'latest' };
}

/** Why the run cannot start yet for its time settings, or null. */
export function timeBlocker(
  b: Pick<BacktestSession, 'timeMode' | 'timeColumn' | 'asOfText' | 'outcome'>,
): string | null {
  if (b.timeMode === 'column' && (!b.timeColumn || b.timeColumn === b.outcome))
    return 'Choose the time column.';
  const error = asOfError(b.asOfText);
  return error ? `As-of date: ${error}` : null;
}
