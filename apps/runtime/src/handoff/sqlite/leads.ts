import type { Stage } from '@qualify/rules';
import {
  type HandoffLeadRow,
  type Holder,
  handoffLeadSql,
  type LeadRow,
  leadStateOf,
} from '../rows/leads.ts';
import type { LeadState, Owner } from '../types.ts';
import type { Ctx } from './context.ts';
import { readSla } from './sla.ts';

export const leadRow = (ctx: Ctx, id: string) =>
  ctx.q('SELECT * FROM leads WHERE id = ?').get(id) as LeadRow | undefined;

/** What a hand-off reads of a known lead and its timer (rows/leads.ts). */
export const handoffLead = (ctx: Ctx, id: string) =>
  ctx.q(handoffLeadSql('leads', 'sla', '?')).get(id) as HandoffLeadRow | undefined;

export function toLeadState(ctx: Ctx, row: LeadRow): LeadState {
  return leadStateOf(row, readSla(ctx, row.sla_id));
}

/** The stored stage of each known lead among `ids`. */
export function getStages(ctx: Ctx, ids: string[]): Array<[string, Stage]> {
  const read = ctx.q('SELECT stage FROM leads WHERE id = ?').pluck();
  const out: Array<[string, Stage]> = [];
  for (const id of new Set(ids)) {
    const stage = read.get(id) as Stage | undefined;
    if (stage !== undefined) out.push([id, stage]);
  }
  return out;
}

/** Writes the lead's owner and holder; the stage moves through the hand-off's insert and setStage. */
export function setHolder(
  ctx: Ctx,
  id: string,
  owner: Owner | null,
  holder: Holder,
  pool: string | null,
  queue: string | null,
) {
  ctx
    .q('UPDATE leads SET owner = ?, owner_id = ?, holder = ?, pool = ?, queue = ? WHERE id = ?')
    .run(owner ? JSON.stringify(owner) : null, owner?.id ?? null, holder, pool, queue, id);
}

/** Sets the stage, keeping the one before it as the prior stage. */
export function setStage(ctx: Ctx, id: string, stage: Stage) {
  ctx
    .q(
      'UPDATE leads SET prior_stage = CASE WHEN stage = ? THEN prior_stage ELSE stage END, stage = ? WHERE id = ?',
    )
    .run(stage, stage, id);
}
