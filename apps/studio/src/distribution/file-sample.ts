import {
  compileMapping,
  type FieldCatalogue,
  latestDate,
  parseIsoDate,
  readTimeCell,
  type SampleLead,
  withOwnPaths,
} from '@qualify/rules';
import type { BacktestSession } from '../backtest/session.ts';
import type { Sample } from './sample.ts';

/** The last backtest file as a sample, or why there is none yet. */
export type FileSample =
  | { status: 'none' }
  | { status: 'reading'; name: string }
  | { status: 'error'; message: string }
  | ({ status: 'done' } & Sample);

type Session = Pick<
  BacktestSession,
  'file' | 'header' | 'mapping' | 'timeMode' | 'timeColumn' | 'asOfText' | 'dates' | 'rows'
>;

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * The rows the Backtest page read from its file (kept by its scan, not read again), as leads the way the
 * runtime's backtest reads them: through the page's column mapping (an NDJSON file's catalogue paths
 * and `events` reading themselves), each evaluated when the page says (its time column, else its as-of
 * date, else the latest date in the file). A row whose events cannot be read is left out and counted.
 * @example fileSample(session, doc.fields).status // 'none' before a file is loaded on the Backtest page
 */
export function fileSample(b: Session, fields: FieldCatalogue, clockMs = Date.now()): FileSample {
  if (!b.file || !b.header || b.rows.status === 'none') return { status: 'none' };
  if (b.rows.status === 'reading') return { status: 'reading', name: b.file.name };
  if (b.rows.status === 'error') return { status: 'error', message: b.rows.message };
  const mapping = b.header.format === 'ndjson' ? withOwnPaths(b.mapping, fields) : b.mapping;
  const toLead = compileMapping(mapping);
  const typed = parseIsoDate(b.asOfText?.trim() ?? '');
  const latest = b.dates.status === 'done' ? latestDate(b.dates.byColumn, mapping, fields)?.ms : undefined;
  const asOf = Number.isFinite(typed) ? typed : (latest ?? clockMs);
  const column = b.timeMode === 'column' && b.timeColumn ? b.timeColumn : null;
  const leads: SampleLead[] = [];
  let skipped = 0;
  for (const values of b.rows.rows) {
    const read = toLead(values);
    if ('problem' in read) {
      skipped++;
      continue;
    }
    const own = column === null ? 'missing' : readTimeCell(values[column]);
    leads.push({ lead: read.lead, now: new Date(typeof own === 'number' ? own : asOf).toISOString() });
  }
  const { rows, rowCount } = b.rows;
  const which =
    rows.length < rowCount
      ? `the first ${count(rows.length, 'row')} of ${rowCount.toLocaleString('en')}`
      : `the ${count(rowCount, 'row')}`;
  const left = skipped ? `, ${count(skipped, 'row')} left out (events that cannot be read)` : '';
  return { status: 'done', leads, source: `${which} of ${b.file.name}${left}` };
}
