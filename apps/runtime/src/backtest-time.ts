import {
  type ColumnMapping,
  type DateColumn,
  dateColumns,
  type FieldCatalogue,
  formatAsOf,
  type LatestDate,
  LatestDates,
  latestDate,
  parseIsoDate,
  readTimeCell,
  suggestEvaluatedAtColumn,
} from '@qualify/rules';
import { z } from 'zod';
import type { RowValues, UploadItem } from './backtest-upload.ts';
import { columnFinder, notAColumn } from './batch/mapping.ts';
import { invalidRequest } from './problem.ts';

/**
 * When the rows of a backtest are evaluated, as the query asks (docs/api-contract.md, "Evaluated
 * at"): each row as of its own time in a column, or the whole file as of one date. A history is
 * scored as of its own time, never as of the day the backtest runs: recency rules (withinDays,
 * score decay) would give nothing to a file of past leads.
 */
export interface TimeQuery {
  /** `evaluatedAtColumn`: the column holding each row's time. */
  column: string | null;
  /** `asOf` (or its older name `now`) as epoch ms, 'latest' (the default, said explicitly), or null: not given. */
  asOf: number | 'latest' | null;
  /** Which parameter gave `asOf`. */
  asOfParam: 'asOf' | 'now' | null;
}

/** Reads `asOf` / `now` / `evaluatedAtColumn` from a checked query. */
export function timeQueryOf(q: { asOf?: string; now?: string; evaluatedAtColumn?: string }): TimeQuery {
  if (q.asOf !== undefined && q.now !== undefined) {
    throw invalidRequest([
      { path: 'now', message: 'give asOf or now, not both (now is the older name of asOf)' },
    ]);
  }
  const column = q.evaluatedAtColumn ?? null;
  if (q.now !== undefined) return { column, asOf: Date.parse(q.now), asOfParam: 'now' };
  if (q.asOf === undefined) return { column, asOf: null, asOfParam: null };
  return { column, asOf: q.asOf === 'latest' ? 'latest' : parseIsoDate(q.asOf), asOfParam: 'asOf' };
}

/**
 * Whether the as-of date may have to be found in the file (so the upload must be kept to be read
 * twice): no `asOf` given, and the catalogue has a date field a column could feed.
 */
export const mayScan = (plan: { time: TimeQuery; catalogue: FieldCatalogue }): boolean =>
  typeof plan.time.asOf !== 'number' && plan.catalogue.some((f) => f.type === 'date');

/** The time plan once the columns and the mapping are known, before any row is evaluated. */
export interface TimePlan {
  column: string | null;
  columnFrom: 'evaluatedAtColumn' | 'suggested' | null;
  /** The column the headers suggest (`suggestEvaluatedAtColumn`), whether used or not. */
  suggested: string | null;
  /** Known from the query; null: the latest date in the file, to be found by reading it (`scan`). */
  asOf: number | null;
  asOfFrom: 'asOf' | 'now' | 'latest' | 'clock';
  /** The columns to read for the latest date. */
  scan: DateColumn[];
}

/**
 * Decides the time plan from the query and the upload's columns: a named column must be one of them,
 * found as the outcome and mapping columns are (`columnFinder`: exact, else by `headerKey`; else 422), a suggested one applies only when the query gives no `asOf`; without `asOf`, the file's
 * date columns are read for their latest date, unless there are none (then time changes no rule,
 * and the current time is used and said).
 */
export function planTime(
  q: TimeQuery,
  headers: readonly string[],
  outcome: string,
  mapping: ColumnMapping,
  catalogue: FieldCatalogue,
  clockNow: number,
): TimePlan {
  const named = q.column === null ? null : columnFinder(headers)(q.column);
  if (named === undefined) throw notAColumn('evaluatedAtColumn', q.column!, headers);
  if (named !== null && named === outcome) {
    throw invalidRequest([
      { path: 'evaluatedAtColumn', message: `"${outcome.slice(0, 100)}" is the outcome column` },
    ]);
  }
  const suggested = suggestEvaluatedAtColumn(headers, outcome);
  const column = named ?? (q.asOf === null ? suggested : null);
  const columnFrom = named !== null ? 'evaluatedAtColumn' : column !== null ? 'suggested' : null;
  const base = { column, columnFrom, suggested } as const;
  if (typeof q.asOf === 'number') return { ...base, asOf: q.asOf, asOfFrom: q.asOfParam!, scan: [] };
  const scan = dateColumns(mapping, catalogue);
  if (scan.length === 0) return { ...base, asOf: clockNow, asOfFrom: 'clock', scan };
  return { ...base, asOf: null, asOfFrom: 'latest', scan };
}

const FallbackSampleSchema = z.object({
  line: z.int(),
  value: z.string().meta({ description: 'The cell as read, at most 100 characters.' }),
  reason: z.enum(['missing', 'unreadable']),
});
type FallbackSample = z.infer<typeof FallbackSampleSchema>;

/** What the `start` and `result` lines say about time (docs/api-contract.md, "Evaluated at"). */
export const EvaluatedAtSchema = z.object({
  column: z
    .string()
    .nullable()
    .meta({ description: 'Each row was evaluated as of its time in this column.' }),
  columnFrom: z.enum(['evaluatedAtColumn', 'suggested']).nullable(),
  suggestedColumn: z
    .string()
    .nullable()
    .meta({ description: 'The column the headers suggest (used only without asOf), whether used or not.' }),
  asOf: z.iso.datetime().meta({
    description: 'The one time of the file; with a column, the time of rows without a readable one.',
  }),
  asOfFrom: z.enum(['asOf', 'now', 'latest', 'clock']).meta({
    description:
      'asOf / now: the parameter; latest: the latest date in the columns mapped to date fields; clock: the current time, as no such column holds a readable date (time then changes no rule).',
  }),
  latest: z
    .object({ column: z.string(), field: z.string() })
    .nullable()
    .meta({ description: 'Where the latest date was found, when asOfFrom is latest.' }),
  text: z.string().meta({ description: 'The same in a sentence, for people.' }),
  fallbackRows: z
    .object({ count: z.int(), sample: z.array(FallbackSampleSchema) })
    .optional()
    .meta({
      description:
        'On the result line: rows evaluated at asOf because their cell in the column was missing or unreadable; 100 sampled.',
    }),
});
export type EvaluatedAt = Omit<z.infer<typeof EvaluatedAtSchema>, 'fallbackRows'>;

const SAMPLE = 100;

/**
 * Each row's evaluation time, with the rows whose time cell is missing or unreadable counted: they
 * are evaluated at the file's as-of date, never silently at the current time.
 */
export class RowTimes {
  readonly asOf: number;
  private readonly asOfFrom: EvaluatedAt['asOfFrom'];
  private readonly fallbacks = { count: 0, sample: [] as FallbackSample[] };

  /** `latest`: what reading the file found, when the plan had to read it; `clockNow` the request time. */
  constructor(
    private readonly plan: TimePlan,
    private readonly latest: LatestDate | null,
    clockNow: number,
  ) {
    this.asOf = plan.asOf ?? latest?.ms ?? clockNow;
    this.asOfFrom = plan.asOf !== null ? plan.asOfFrom : latest ? 'latest' : 'clock';
  }

  /** The time row `line` is evaluated at. */
  of(line: number, values: RowValues): number {
    const { column } = this.plan;
    if (column === null) return this.asOf;
    const cell = values[column];
    const time = readTimeCell(cell);
    if (typeof time === 'number') return time;
    this.fallbacks.count++;
    if (this.fallbacks.sample.length < SAMPLE) {
      this.fallbacks.sample.push({ line, value: String(cell ?? '').slice(0, 100), reason: time });
    }
    return this.asOf;
  }

  describe(): EvaluatedAt {
    const { column, columnFrom, suggested } = this.plan;
    const latest = this.asOfFrom === 'latest' && this.latest ? this.latest : null;
    const why = {
      asOf: 'asOf parameter',
      now: 'now parameter',
      latest: `latest ${latest?.column} in the file`,
      clock:
        'the current time: no column mapped to a date field holds a readable date, so time changes no rule',
    }[this.asOfFrom];
    const date = `${formatAsOf(this.asOf)} (${why})`;
    const from =
      columnFrom === 'suggested'
        ? 'suggested from the headers; name another with evaluatedAtColumn, or give asOf for one date'
        : 'evaluatedAtColumn parameter';
    const text =
      column === null
        ? `As of ${date}`
        : `Each row as of its ${column} (${from}); rows without a readable ${column} as of ${date}`;
    return {
      column,
      columnFrom,
      suggestedColumn: suggested,
      asOf: new Date(this.asOf).toISOString(),
      asOfFrom: this.asOfFrom,
      latest: latest ? { column: latest.column, field: latest.field.path } : null,
      text,
    };
  }

  /** `describe()` with the rows that fell back to the as-of date (for the `result` line). */
  report(): z.infer<typeof EvaluatedAtSchema> {
    return { ...this.describe(), fallbackRows: this.fallbacks };
  }
}

/**
 * Reads the rest of the upload (the items after the header, then the generator) for the latest
 * date in the plan's date columns, as far as the upload can be read: rows the reader cannot read
 * are left out, a stop ends the reading (the second reading stops there too).
 */
export async function scanLatest(
  pending: UploadItem[],
  items: AsyncGenerator<UploadItem[]>,
  plan: TimePlan,
  mapping: ColumnMapping,
  catalogue: FieldCatalogue,
): Promise<LatestDate | null> {
  const dates = new LatestDates(plan.scan.map((d) => d.column));
  const take = (group: UploadItem[]) => {
    for (const item of group) {
      if ('stop' in item) return false;
      if ('values' in item) dates.add(item.values);
    }
    return true;
  };
  try {
    let more = take(pending);
    while (more) {
      const next = await items.next();
      if (next.done) break;
      more = take(next.value);
    }
  } finally {
    await items.return(undefined);
  }
  return latestDate(dates.byColumn(), mapping, catalogue);
}
