import { suggestEvaluatedAtColumn, suggestMapping } from '@qualify/rules';
import { errorMessage } from '../api/client.ts';
import { useStudio } from '../store/studio-store.ts';
import { guessOutcomeColumn } from './columns.ts';
import { readHeader, type UploadFormat } from './read-header.ts';
import { scanFile } from './scan-file.ts';
import { type FileDates, type FileRows, stopRun } from './session.ts';
import { findTier, setTierThreshold } from './tiers.ts';

/** Takes a chosen or dropped file: reads its header, proposes the mapping and the outcome column. */
export async function chooseFile(file: File): Promise<void> {
  const s = useStudio.getState();
  stopRun(s.backtest.run);
  s.setBacktest({
    file,
    header: null,
    headerError: null,
    run: { status: 'idle' },
    applied: null,
    dates: { status: 'none' },
    rows: { status: 'none' },
  });
  try {
    const header = await readHeader(file);
    const { doc, backtest } = useStudio.getState();
    if (backtest.file !== file) return;
    const outcome = guessOutcomeColumn(header.columns) ?? '';
    const mapping = suggestMapping(header.columns, doc?.fields ?? []);
    // The outcome is what the leads did, not something the workflow may read.
    if (outcome) mapping[outcome] = null;
    // As the runtime does without asOf: a column the headers suggest, else the latest date in the file.
    const suggested = suggestEvaluatedAtColumn(header.columns, outcome);
    useStudio.getState().setBacktest({
      header,
      mapping,
      outcome,
      timeMode: suggested === null ? 'asOf' : 'column',
      timeColumn: suggested ?? '',
      asOfText: null,
      dates: { status: 'reading' },
      rows: { status: 'reading' },
    });
    void readFile(file, header.format);
  } catch (err) {
    if (useStudio.getState().backtest.file === file) {
      useStudio.getState().setBacktest({ headerError: `${file.name}: ${errorMessage(err)}` });
    }
  }
}

/**
 * Reads the whole file once: the latest date of each column, for the default as-of date, and its first
 * rows, for the editor's distribution.
 */
async function readFile(file: File, format: UploadFormat): Promise<void> {
  let dates: FileDates;
  let rows: FileRows;
  try {
    const scan = await scanFile(file, format);
    dates = { status: 'done', byColumn: scan.dates };
    rows = { status: 'done', rows: scan.rows, rowCount: scan.rowCount };
  } catch (err) {
    const why = errorMessage(err);
    dates = { status: 'error', message: `The file could not be read for its dates: ${why}` };
    rows = { status: 'error', message: `The file could not be read: ${why}` };
  }
  if (useStudio.getState().backtest.file === file) useStudio.getState().setBacktest({ dates, rows });
}

/** Cancels the run under way. */
export const cancelRun = (): void => stopRun(useStudio.getState().backtest.run);

/**
 * Sets a tier's threshold in the draft, the same undoable edit as typing it in the inspector (and
 * so autosaved), and remembers it so the page can say what it did.
 */
export function applyThreshold(nodeId: string, tierId: string, threshold: number): void {
  const s = useStudio.getState();
  const tier = s.doc ? findTier(s.doc, nodeId, tierId) : null;
  if (!s.doc || !tier) {
    s.notify('error', 'That tier is not in the draft any more, so its threshold cannot be set.');
    return;
  }
  if (tier.min === threshold) return;
  const next = setTierThreshold(s.doc, nodeId, tierId, threshold);
  s.commit(next);
  const label = `The ${tier.tierLabel} tier of “${tier.nodeLabel}”`;
  s.setBacktest({ applied: { nodeId, tierId, label, from: tier.min, to: threshold, doc: next } });
  s.notify('info', `${label} now starts at ${threshold} points in the draft (was ${tier.min}).`);
}
