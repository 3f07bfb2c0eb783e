import { stream } from 'hono/streaming';
import type { Api } from '../auth.ts';
import { type BacktestPlan, planBacktest } from '../backtest-plan.ts';
import { BacktestRun } from '../backtest-run.ts';
import { formatOf, type UploadFormat, type UploadItem, uploadItems } from '../backtest-upload.ts';
import { stopProblem } from '../batch/csv.ts';
import { type BatchError, nextTurn } from '../batch/items.ts';
import { columnFinder, notAColumn, resolveMapping, unmappedFields } from '../batch/mapping.ts';
import type { Ctx } from '../context.ts';
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
    const run = new BacktestRun(plan);
    const items = uploadItems(format, body, ctx.config.bodyLimitBytes);
    let opened: Opened;
    let outcome: string;
    let mapping: ReturnType<typeof resolveMapping>;
    try {
      opened = await open(items, run, format);
      outcome = outcomeColumn(plan, opened.headers);
      mapping = resolveMapping(opened.headers, plan.catalogue, {
        given: plan.mapping,
        outcome,
        strict: format === 'csv',
        pathsReadThemselves: format === 'ndjson',
      });
    } catch (e) {
      await items.return(undefined);
      throw e;
    }
    run.useOutcome(outcome);
    run.useMapping(mapping);
    const start = {
      type: 'start',
      headers: opened.headers,
      mapping,
      unmappedFields: unmappedFields(mapping, plan.catalogue),
      outcome,
      versions: plan.versions.map((v) => v.name),
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
        if (out.aborted) return;
        text += stop ? errorLine(stop.code, stop.detail) : run.result();
        await out.write(Buffer.from(text));
        ctx.metrics.backtested(plan.workflowId, stop ? stop.code : 'done', run.rowsRead);
      },
      async (err, out) => {
        await items.return(undefined);
        if (out.aborted) return;
        ctx.logger.error('backtest stopped', { workflow: plan.workflowId, error: err.stack ?? err.message });
        ctx.metrics.backtested(plan.workflowId, 'internal', run.rowsRead);
        await out.write(errorLine('internal', 'The backtest stopped early; the error is logged.'));
      },
    );
  });
}
