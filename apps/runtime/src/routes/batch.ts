import type { FieldCatalogue } from '@qualify/rules';
import { stream } from 'hono/streaming';
import type { Api } from '../auth.ts';
import { csvSource, GROUP } from '../batch/csv.ts';
import { evaluatedAtIssue, leadTime } from '../batch/evaluated-at.ts';
import { type BatchItem, type BatchSource, CSV, JSON_ARRAY, NDJSON, nextTurn } from '../batch/items.ts';
import { jsonArraySource } from '../batch/json-array.ts';
import { parseMapping } from '../batch/mapping.ts';
import { ndjsonSource } from '../batch/ndjson.ts';
import { joinUtf8 } from '../batch/utf8-join.ts';
import { unsupportedType } from '../body.ts';
import type { Ctx } from '../context.ts';
import type { AnswerHandoff, Evaluated } from '../evaluator.ts';
import { handOff, needsHandoff, type Pending, storedStages } from '../handoff/evaluation.ts';
import { headerOf } from '../headers.ts';
import { isHangUp } from '../on-error.ts';
import { invalidRequest, ProblemError } from '../problem.ts';
import { BatchQuery } from '../schemas.ts';
import { targetOf } from './evaluate.ts';

/** Reads an upload of leads by its content type: a JSON array, NDJSON, or a CSV read through `fields`. */
export function leadSource(
  type: string,
  body: ReadableStream<Uint8Array>,
  fields: FieldCatalogue,
  maxLine: number,
  mapping: string | undefined,
): BatchSource {
  const csv = CSV.test(type);
  if (mapping !== undefined && !csv) {
    throw invalidRequest([{ path: 'mapping', message: 'maps the columns of a CSV upload (text/csv) only' }]);
  }
  if (NDJSON.test(type)) return ndjsonSource(body, maxLine);
  if (JSON_ARRAY.test(type)) return jsonArraySource(body, maxLine);
  if (csv) return csvSource(body, fields, maxLine, parseMapping(mapping, fields));
  throw unsupportedType(type, 'application/json (an array), application/x-ndjson or text/csv');
}

/**
 * Many leads in one request, answered as NDJSON, one line per input line in order. The upload is
 * read as a stream and each group of lines is evaluated and written before the next is read, so
 * memory stays flat and a slow reader slows the upload down rather than filling the server.
 */
export function batchRoutes(api: Api, ctx: Ctx) {
  api.post('/v1/workflows/:id/evaluate/batch', 'evaluator', async (c) => {
    const q = ctx.queries.parse(c, BatchQuery);
    const t = targetOf(ctx, c.req.param('id'), q.version);
    const body = c.req.raw.body;
    if (!body)
      throw new ProblemError(
        400,
        'invalid_json',
        'The body is empty; send leads as a JSON array, NDJSON or CSV.',
      );
    const type = headerOf(c, 'content-type') ?? '';
    const fields = (t.row.versions[t.version - 1]?.workflow.fields ?? []) as FieldCatalogue;
    const items = leadSource(type, body, fields, ctx.config.bodyLimitBytes, q.mapping)[
      Symbol.asyncIterator
    ]();
    // The first group is read before answering, so an unreadable start is a plain 400, not a stream.
    const first = await items.next();
    const evaluateAt = q.now === undefined ? undefined : Date.parse(q.now);
    const column = q.evaluatedAtColumn;
    const timeOf = column === undefined ? null : leadTime(column, fields);

    /**
     * One group's answer lines, as UTF-8. The stored stage of the group's leads is read in one store
     * call and their hand-offs made in one more (one transaction): a lead id that comes again in the
     * group first commits the ones before it and reads its state anew, so it sees its own earlier
     * decision.
     */
    const answerGroup = async (items: readonly BatchItem[], nowMs: number): Promise<Buffer> => {
      const texts: string[] = new Array(items.length);
      const ids = items.map((item) => ('lead' in item ? t.prepared.leadId(item.lead) : null));
      let stages = await storedStages(ctx, ids);
      let pending: Pending[] = [];
      let slots: { at: number; issue: string | undefined }[] = [];
      const waiting = new Set<string>();
      const flush = async () => {
        const handoffs = await handOff(ctx, pending);
        handoffs.forEach((h, k) => {
          const p = pending[k]!;
          texts[slots[k]!.at] = lineOf(p.e, items[slots[k]!.at]!.line, slots[k]!.issue, h);
          ctx.shadow.offer({
            row: t.row,
            e: p.e,
            lead: p.lead,
            at: p.at,
            currentStage: p.storedStage ?? undefined,
            loggedAt: nowMs,
          });
        });
        pending = [];
        slots = [];
        waiting.clear();
      };
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if ('columns' in item) texts[i] = `${JSON.stringify({ line: item.line, ...item.columns })}\n`;
        else if (!('lead' in item)) texts[i] = `${JSON.stringify(item)}\n`;
        else {
          const id = ids[i]!;
          if (id !== null && waiting.has(id)) {
            await flush();
            stages = new Map([...stages, ...(await storedStages(ctx, [id]))]);
          }
          const time = timeOf?.(item.lead);
          // No readable time: the batch's time, said on the line (its members spliced in after `line`).
          const issue =
            time && !('ms' in time)
              ? evaluatedAtIssue(
                  column!,
                  time,
                  evaluateAt ?? nowMs,
                  evaluateAt === undefined ? 'request time' : 'now parameter',
                )
              : undefined;
          const at = time && 'ms' in time ? time.ms : (evaluateAt ?? (issue ? nowMs : undefined));
          const stage = id === null ? undefined : stages.get(id);
          const e = ctx.decider.run({
            prepared: t.prepared,
            workflowId: t.row.id,
            version: t.version,
            lead: item.lead,
            nowMs,
            evaluateAt: at,
            view: q.view,
            currentStage: stage,
          });
          if (!needsHandoff(e)) {
            texts[i] = lineOf(e, item.line, issue);
            ctx.shadow.offer({
              row: t.row,
              e,
              lead: item.lead,
              at: at ?? nowMs,
              currentStage: stage,
              loggedAt: nowMs,
            });
          } else {
            pending.push({
              e,
              lead: item.lead,
              at: at ?? nowMs,
              prepared: t.prepared,
              storedStage: stage ?? null,
            });
            slots.push({ at: i, issue });
            if (id !== null) waiting.add(id);
          }
        }
      }
      if (pending.length) await flush();
      return joinUtf8(texts);
    };
    const lineOf = (e: Evaluated, line: number, issue: string | undefined, h?: AnswerHandoff) =>
      issue === undefined
        ? `${ctx.decider.answer(e, line, h)}\n`
        : `{"line":${line},${issue},${ctx.decider.answer(e, undefined, h).slice(1)}\n`;

    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    return stream(
      c,
      async (out) => {
        for (let group = first; !group.done && !out.aborted; group = await items.next()) {
          // At most GROUP answers are held at once: a chunk of tiny rows (NDJSON "{}" lines) can
          // hold tens of thousands of leads, each answered with a kilobyte.
          for (let from = 0; from < group.value.length && !out.aborted; from += GROUP) {
            await out.write(await answerGroup(group.value.slice(from, from + GROUP), ctx.clock.now()));
            await nextTurn();
          }
        }
        await items.return?.();
        // PostgreSQL: the answer ends only once every decision in it is committed.
        await ctx.store.decisionsDurable();
        if (out.aborted) ctx.metrics.requestAborted();
      },
      async (err, out) => {
        await items.return?.();
        // A client that hangs up mid-batch is not an error of ours: counted, not logged.
        if (out.aborted || isHangUp(err)) {
          ctx.metrics.requestAborted();
          return;
        }
        ctx.logger.error('batch stopped', { workflow: t.row.id, error: err.stack ?? err.message });
        await out.write(
          `${JSON.stringify({ error: { code: 'internal', detail: 'The batch stopped early; the error is logged.' } })}\n`,
        );
      },
    );
  });
}
