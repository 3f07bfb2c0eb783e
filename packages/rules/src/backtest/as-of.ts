import { dateValue } from '../model/dates.ts';
import type { Field, FieldCatalogue } from '../model/fields.ts';
import { type ColumnMapping, headerKey } from './columns.ts';

/**
 * Column names that say when a row's values were true, most telling first. A header matches when its
 * `headerKey` (the key every header is matched by) is one of theirs ("Created At", "created_at" and
 * "createdAt" all read `createdat`).
 */
export const EVALUATED_AT_NAMES = [
  'evaluated_at',
  'scored_at',
  'as_of',
  'snapshot_at',
  'snapshot_date',
  'submitted_at',
  'created_at',
  'created_date',
  'created_on',
  'createdate',
  'created',
  'date',
] as const;

const KEYS = EVALUATED_AT_NAMES.map(headerKey);

/**
 * The column a backtest reads each row's evaluation time from when none is named: the header whose
 * key comes first in `EVALUATED_AT_NAMES` (the first such header when several share it),
 * leaving out `exclude` (the outcome column); null when no header matches.
 * @example suggestEvaluatedAtColumn(['lead_id', 'Created At', 'date']) // 'Created At'
 */
export function suggestEvaluatedAtColumn(headers: readonly string[], exclude?: string): string | null {
  let best: string | null = null;
  let rank = KEYS.length;
  for (const h of headers) {
    if (h === exclude) continue;
    const r = KEYS.indexOf(headerKey(h));
    if (r !== -1 && r < rank) {
      best = h;
      rank = r;
    }
  }
  return best;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * One cell of an evaluated-at column: its time in epoch ms, or why there is none. Read with
 * `dateValue`, the product's one reading of dates (ISO 8601 text, epoch ms as a number).
 * @example readTimeCell('2026-03-02') // 1772409600000; readTimeCell('') // 'missing'; readTimeCell('3/2/26') // 'unreadable'
 */
export function readTimeCell(v: unknown): number | 'missing' | 'unreadable' {
  if (isBlank(v)) return 'missing';
  const ms = dateValue(v);
  return Number.isFinite(ms) ? ms : 'unreadable';
}

/** A column the mapping sends to a date-typed field of the catalogue. */
export interface DateColumn {
  column: string;
  field: Field;
}

/** The columns the mapping sends to date-typed catalogue fields, in the mapping's order. */
export function dateColumns(mapping: ColumnMapping, catalogue: FieldCatalogue): DateColumn[] {
  const dates = new Map(catalogue.filter((f) => f.type === 'date').map((f) => [f.path, f]));
  const out: DateColumn[] = [];
  for (const [column, path] of Object.entries(mapping)) {
    const field = path ? dates.get(path) : undefined;
    if (field) out.push({ column, field });
  }
  return out;
}

/**
 * The latest readable date in each of some columns, row by row, so a file streamed once (or a second
 * time) needs no more memory than one number a column.
 */
export class LatestDates {
  private readonly latest = new Map<string, number>();

  constructor(private readonly columns: readonly string[]) {}

  add(values: Record<string, unknown>): void {
    for (const c of this.columns) {
      if (!Object.hasOwn(values, c)) continue;
      const ms = dateValue(values[c]);
      if (ms > (this.latest.get(c) ?? Number.NEGATIVE_INFINITY)) this.latest.set(c, ms);
    }
  }

  /** Each column's latest date in epoch ms; columns without a readable date are left out. */
  byColumn(): Map<string, number> {
    return new Map(this.latest);
  }
}

/** Where a file's default as-of date came from. */
export interface LatestDate {
  ms: number;
  column: string;
  field: Field;
}

/**
 * A file's default as-of date: the latest date among the columns the mapping sends to date-typed
 * fields (the first such column wins a tie); null when none of them holds a readable date.
 * @example latestDate(new Map([['last_visit', ms]]), { last_visit: 'activity.lastVisit' }, fields) // { ms, column: 'last_visit', field }
 */
export function latestDate(
  byColumn: ReadonlyMap<string, number>,
  mapping: ColumnMapping,
  catalogue: FieldCatalogue,
): LatestDate | null {
  let best: LatestDate | null = null;
  for (const { column, field } of dateColumns(mapping, catalogue)) {
    const ms = byColumn.get(column);
    if (ms !== undefined && (!best || ms > best.ms)) best = { ms, column, field };
  }
  return best;
}

/**
 * A time as people write it: the calendar date when it is midnight UTC, else the ISO date-time.
 * @example formatAsOf(Date.parse('2026-03-02')) // '2026-03-02'
 */
export function formatAsOf(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
