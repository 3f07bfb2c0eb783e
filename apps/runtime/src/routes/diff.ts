import {
  diffWorkflows,
  type Field,
  type FieldCatalogue,
  type Impact,
  impactOf,
  type SampleLead,
  WorkflowInvalidError,
} from '@qualify/rules';
import type { Api } from '../auth.ts';
import type { BatchError } from '../batch/items.ts';
import type { Ctx } from '../context.ts';
import { DiffImpactQuery, DiffQuery, MOST_IMPACT_LEADS } from '../diff/http-schemas.ts';
import { type Side, sampleLeads, sideOf } from '../diff/sides.ts';
import { headerOf } from '../headers.ts';
import { ProblemError } from '../problem.ts';
import { leadSource } from './batch.ts';
import { mustFind } from './workflows.ts';

const sideJson = (s: Side) => ({ label: s.label, version: s.version });

/**
 * The impact, or why there is none: a side that does not compile (an unfinished draft) still has its
 * changes described, so the review can go on.
 */
function impactOrIssue(
  from: Side,
  to: Side,
  leads: SampleLead[],
  now: number,
): { impact: Impact | null; impactIssue?: string } {
  try {
    return { impact: impactOf(from.workflow, to.workflow, leads, { now }) };
  } catch (e) {
    if (!(e instanceof WorkflowInvalidError)) throw e;
    const first = e.issues[0]?.message ?? '';
    return { impact: null, impactIssue: `No impact: a side does not compile. ${first}`.trim() };
  }
}

/** All fields of both sides, the newer's first: a CSV upload's columns may name either's. */
function fieldsOf(from: Side, to: Side): FieldCatalogue {
  const out: Field[] = [];
  const seen = new Set<string>();
  for (const side of [to, from]) {
    const fields = (Array.isArray(side.workflow.fields) ? side.workflow.fields : []) as FieldCatalogue;
    for (const f of fields) {
      if (typeof f?.path !== 'string' || seen.has(f.path)) continue;
      seen.add(f.path);
      out.push(f);
    }
  }
  return out;
}

/** What changed between two versions (or the draft), in sentences, and how that moves a lead sample. */
export function diffRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/workflows/:id/diff', 'evaluator', (c) => {
    const q = ctx.queries.parse(c, DiffQuery);
    const row = mustFind(ctx, c.req.param('id'));
    const from = sideOf(row, q.from, 'base');
    const to = sideOf(row, q.to, 'draft');
    const leads = sampleLeads(from, to, ctx.templates(), row.id);
    return c.json({
      from: sideJson(from),
      to: sideJson(to),
      changes: diffWorkflows(from.workflow, to.workflow),
      ...impactOrIssue(from, to, leads, ctx.clock.now()),
      sample: { source: 'test_cases_and_samples', leads: leads.length },
    });
  });

  api.post('/v1/workflows/:id/diff/impact', 'evaluator', async (c) => {
    const q = ctx.queries.parse(c, DiffImpactQuery);
    const row = mustFind(ctx, c.req.param('id'));
    const from = sideOf(row, q.from, 'base');
    const to = sideOf(row, q.to, 'draft');
    const body = c.req.raw.body;
    if (!body)
      throw new ProblemError(
        400,
        'invalid_json',
        'The body is empty; send leads as CSV, NDJSON or a JSON array.',
      );
    const source = leadSource(
      headerOf(c, 'content-type') ?? '',
      body,
      fieldsOf(from, to),
      ctx.config.bodyLimitBytes,
      q.mapping,
    );
    const leads: SampleLead[] = [];
    const skipped: (BatchError & { line: number })[] = [];
    let skippedCount = 0;
    for await (const group of source) {
      for (const item of group) {
        if ('lead' in item) {
          if (leads.length === MOST_IMPACT_LEADS) {
            throw new ProblemError(
              413,
              'too_many_leads',
              `The upload has more than ${MOST_IMPACT_LEADS.toLocaleString('en')} leads; an impact reads at most that many. Send a sample, or use a backtest (POST /v1/workflows/${row.id}/backtest) for the whole file.`,
            );
          }
          leads.push({ lead: item.lead });
        } else if ('error' in item) {
          skippedCount++;
          if (skipped.length < 10) skipped.push({ line: item.line, ...item.error });
        }
      }
    }
    const now = q.now === undefined ? ctx.clock.now() : Date.parse(q.now);
    return c.json({
      from: sideJson(from),
      to: sideJson(to),
      // Asked for on a file: a side that does not compile is a 422 workflow_invalid here.
      impact: impactOf(from.workflow, to.workflow, leads, { now }),
      rows: leads.length,
      skipped: skippedCount,
      skippedLines: skipped,
    });
  });
}
