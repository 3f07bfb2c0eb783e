import type { Workflow } from '@qualify/rules';
import {
  type BacktestReport,
  type BacktestStart,
  parseBacktestEvent,
  postBacktest,
} from '../api/backtest.ts';
import { ApiError, errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { saveNow } from '../editor/saver.ts';
import { useStudio } from '../store/studio-store.ts';
import { readLines } from './ndjson-lines.ts';
import { CONTENT_TYPE } from './read-header.ts';
import { parseThresholds, resolveVersions } from './run-options.ts';
import type { RunState } from './session.ts';
import { timeRequest } from './time-options.ts';

async function documentOf(workflowId: string, token: string, draft: Workflow): Promise<Workflow> {
  if (token === 'draft') return draft;
  const { meta } = useStudio.getState();
  const n = token === 'live' ? meta?.liveVersion : Number(token.slice(1));
  if (n == null || !Number.isFinite(n)) throw new Error(`There is no version "${token}".`);
  return (await runtime.version(workflowId, n)).workflow;
}

/**
 * Runs the backtest the page is set up for: saves the draft (the runtime reads the stored one),
 * streams the file up and the answer's lines in, and keeps the store's run state current.
 */
export async function runBacktest(): Promise<void> {
  const state = useStudio.getState();
  const { meta, backtest: b } = state;
  if (!meta || !b.file || !b.header || !b.outcome || b.run.status === 'running') return;
  const workflowId = meta.id;
  const controller = new AbortController();
  let rows = 0;
  let start: BacktestStart | null = null;
  // The page may have moved to another workflow, or another run may have started, by the time a line arrives.
  const setRun = (run: RunState) => {
    const s = useStudio.getState();
    const current = s.backtest.run;
    if (s.meta?.id !== workflowId || (current.status === 'running' && current.controller !== controller))
      return;
    s.setBacktest({ run });
  };
  setRun({ status: 'running', rows, start, controller });
  // A note about a threshold taken from the previous results would read as if about these.
  useStudio.getState().setBacktest({ applied: null });

  const versions = resolveVersions(b.first, b.second, meta.liveVersion);
  const thresholds = b.sweep ? parseThresholds(b.thresholds) : [];
  try {
    if (typeof thresholds === 'string') throw new Error(`Thresholds: ${thresholds}`);
    if (versions.includes('draft') && !(await saveNow())) {
      throw new Error(
        'The draft could not be saved, so the runtime would backtest an older copy. Save it first.',
      );
    }
    const ranOn = useStudio.getState().doc!;
    const body = await postBacktest(
      workflowId,
      b.file,
      CONTENT_TYPE[b.header.format],
      {
        outcome: b.outcome,
        mapping: b.mapping,
        versions,
        ...timeRequest(b),
        ...(b.sweep ? { sweep: b.sweep, thresholds } : {}),
      },
      controller.signal,
      (done, total) => setRun({ status: 'running', rows, start, controller, sent: total ? done / total : 0 }),
    );
    let report: BacktestReport | null = null;
    for await (const line of readLines(body)) {
      const event = parseBacktestEvent(line);
      if (event.type === 'start') start = event;
      else if (event.type === 'progress') rows = event.rows;
      else if (event.type === 'error') throw new ApiError(200, event.code, event.detail || event.code);
      else if (event.type === 'result') {
        const { type: _, ...rest } = event;
        report = rest;
      }
      if (event.type !== 'result') setRun({ status: 'running', rows, start, controller });
    }
    if (!report) throw new Error('The runtime ended its answer before the result. Try again.');

    let compared: { before: Workflow; after: Workflow } | null = null;
    let comparedError: string | null = null;
    if (versions.length === 2) {
      try {
        const [before, after] = await Promise.all(versions.map((v) => documentOf(workflowId, v, ranOn)));
        compared = { before: before!, after: after! };
      } catch (err) {
        comparedError = `Could not load the versions to name what changed: ${errorMessage(err)}`;
      }
    }
    setRun({ status: 'done', report, start, ranOn, compared, comparedError });
  } catch (err) {
    if (controller.signal.aborted) setRun({ status: 'cancelled', rows });
    else setRun({ status: 'error', message: errorMessage(err), rows });
  }
}
