import type { LatestDate } from '@qualify/rules';
import { stream } from 'hono/streaming';
import type { Api } from '../auth.ts';
import { type BacktestPlan, planBacktest } from '../backtest-plan.ts';
import { BacktestRun } from '../backtest-run.ts';
import { Spool } from '../backtest-spool.ts';
import { mayScan, planTime, RowTimes, scanLatest } from '../backtest-time.ts';
import { formatOf, type UploadFormat, type UploadItem, uploadItems } from '../backtest-upload.ts';
import { stopProblem } from '../batch/csv.ts';
import { type BatchError, nextTurn } from '../batch/items.ts';
import { columnFinder, notAColumn, resolveMapping, unmappedFields } from '../batch/mapping.ts';
import type { Ctx } from '../context.ts';
import { isHangUp } from '../on-error.ts';
import { ProblemError } from '../problem.ts';

const EMPTY =
  'The upload is empty: send a CSV file with a header row (Content-Type: text/csv) or NDJSON, one JSON object per line (application/x-ndjson).';

interface Opened {
  headers: string[];
  /** Items read after the header with it, still to be taken. */
  pending: UploadItem[];
  /** Lines produced by bad rows before the header (NDJSON lines that are not objects). */
  prelude: string;
}

/**
 * Reads until the columns are known, so a file that cannot be backtested at all is a plain
 * problem answer. Bad rows before them are counted, not held.
 */
async function open(
  items: AsyncGenerator<UploadItem[]>,
  run: BacktestRun,
  format: UploadFormat,
): Promise<Opened> {
  let prelude = '';
  let firstBad: string | null = null;
  for (let next = await items.next(); !next.done; next = await items.next()) {
    for (const [i, item] of next.value.entries()) {
      if ('headers' in item) {
        const pending = next.value.slice(i + 1);
        const stop = pending.find((p) => 'stop' in p);
        if (stop && 'stop' in stop) throw stopProblem(stop.stop);
        return { headers: item.headers, pending, prelude };
      }
      if ('stop' in item) throw stopProblem(item.stop);
      if ('bad' in item) {
        firstBad ??= `line ${item.line}: ${item.bad.detail}`;
        prelude += run.add(item);
      }
    }
  }
  const detail =
    format === 'ndjson' && firstBad ? `No line of the upload is a JSON object (first, ${firstBad}).` : EMPTY;
  throw new ProblemError(400, 'no_header', detail);
}

/** The header holding the outcome, matched as headers are (`columnFinder`); 422 when there is none. */
function outcomeColumn(plan: BacktestPlan, headers: string[]): string {
  const column = columnFinder(headers)(plan.outcome);
  if (column === undefined) throw notAColumn('outcome', plan.outcome, headers);
  return column;
}

/** Takes a group of items; answers the lines they add and the stop among them, if any. */
function take(run: BacktestRun, group: UploadItem[]): { text: string; stop: BatchError | null } {
  let text = '';
  for (const item of group) {
    if ('stop' in item) return { text, stop: item.stop };
    if (!('headers' in item)) text += run.add(item);
  }
  return { text, stop: null };
}

const errorLine = (code: string, detail: string) => `${JSON.stringify({ type: 'error', code, detail })}\n`;

/**
 * A what-if over historical leads: the uploaded file streams through one or two versions and the
 * answer streams back as NDJSON (docs/api-contract.md, "Backtest"). Nothing is stored or logged.
 */
export function backtestRoutes(api: Api, ctx: Ctx) {
  api.post('/v1/workflows/:id/backtest', 'editor', async (c) => {
    const plan = planBacktest(ctx, c.req.param('id'), c.req.query());
    const format = formatOf(c.req.header('content-type'));
    const body = c.req.raw.body;
    if (!body) throw new ProblemError(400, 'no_header', EMPTY);
    const clockNow = ctx.clock.now();
    // Copied to disk as it is read when the as-of date may have to be found in the file (read twice).
    const spool = mayScan(plan) ? await Spool.create(ctx.config.backtestSpoolBytes) : null;
    let run = new BacktestRun(plan);
    let items = uploadItems(format, spool ? spool.tee(body) : body, ctx.config.bodyLimitBytes);
    let opened: Opened;
    let outcome: string;
    let mapping: ReturnType<typeof resolveMapping>;
    let times: RowTimes;
    try {
      opened = await open(items, run, format);
      outcome = outcomeColumn(plan, opened.headers);
      mapping = resolveMapping(opened.headers, plan.catalogue, {
        given: plan.mapping,
        outcome,
        strict: format === 'csv',
        pathsReadThemselves: format === 'ndjson',
      });
      const time = planTime(plan.time, opened.headers, outcome, mapping, plan.catalogue, clockNow);
      let latest: LatestDate | null = null;
      if (time.asOf === null && spool) {
        latest = await scanLatest(opened.pending, items, time, mapping, plan.catalogue);
        run = new BacktestRun(plan);
        items = uploadItems(format, await spool.read(), ctx.config.bodyLimitBytes);
        opened = await open(items, run, format);
      } else await spool?.stop();
      times = new RowTimes(time, latest, clockNow);
    } catch (e) {
      await items.return(undefined);
      await spool?.dispose();
      throw e;
    }
    run.useOutcome(outcome);
    run.useMapping(mapping);
    run.useTimes(times);
    const start = {
      type: 'start',
      headers: opened.headers,
      mapping,
      unmappedFields: unmappedFields(mapping, plan.catalogue),
      outcome,
      versions: plan.versions.map((v) => v.name),
      evaluatedAt: times.describe(),
    };

    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    return stream(
      c,
      async (out) => {
        let { text, stop } = take(run, opened.pending);
        text = `${JSON.stringify(start)}\n${opened.prelude}${text}`;
        while (!stop) {
          // Written before the next group is read, so a slow reader slows the upload down.
          await out.write(Buffer.from(text));
          await nextTurn();
          text = '';
          if (out.aborted) break;
          const next = await items.next();
          if (next.done) break;
          ({ text, stop } = take(run, next.value));
        }
        await items.return(undefined);
        await spool?.dispose();
        if (out.aborted) {
          ctx.metrics.requestAborted();
          return;
        }
        text += stop ? errorLine(stop.code, stop.detail) : run.result();
        await out.write(Buffer.from(text));
        ctx.metrics.backtested(plan.workflowId, stop ? stop.code : 'done', run.rowsRead);
      },
      async (err, out) => {
        await items.return(undefined);
        await spool?.dispose();
        if (out.aborted || isHangUp(err)) {
          ctx.metrics.requestAborted();
          return;
        }
        ctx.logger.error('backtest stopped', { workflow: plan.workflowId, error: err.stack ?? err.message });
        ctx.metrics.backtested(plan.workflowId, 'internal', run.rowsRead);
        await out.write(errorLine('internal', 'The backtest stopped early; the error is logged.'));
      },
    );
  });
}
