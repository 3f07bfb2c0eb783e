import type { Stage } from '@qualify/rules';
import {
  type HandoffLeadRow,
  type Holder,
  handoffLeadSql,
  type LeadRow,
  leadStateOf,
} from '../rows/leads.ts';
import type { LeadState, Owner } from '../types.ts';
import type { Tx } from './context.ts';
import { readSla } from './sla.ts';

export const leadRow = (tx: Tx, id: string) =>
  tx.get<LeadRow>('SELECT * FROM handoff_leads WHERE id = $1', [id]);

/** What a hand-off reads of a known lead and its timer (rows/leads.ts). */
export const handoffLead = (tx: Tx, id: string) =>
  tx.get<HandoffLeadRow>(handoffLeadSql('handoff_leads', 'handoff_sla', '$1'), [id]);

export async function toLeadState(tx: Tx, row: LeadRow): Promise<LeadState> {
  return leadStateOf(row, await readSla(tx, row.sla_id));
}

/** The stored stage of each known lead among `ids`. */
export async function getStages(tx: Tx, ids: string[]): Promise<Array<[string, Stage]>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const rows = await tx.all<{ id: string; stage: Stage }>(
    'SELECT id, stage FROM handoff_leads WHERE id = ANY($1::text[])',
    [wanted],
  );
  return rows.map((row) => [row.id, row.stage]);
}

/** Writes the lead's owner and holder; the stage moves through the hand-off's insert and setStage. */
export async function setHolder(
  tx: Tx,
  id: string,
  owner: Owner | null,
  holder: Holder,
  pool: string | null,
  queue: string | null,
) {
  await tx.run(
    'UPDATE handoff_leads SET owner = $1, owner_id = $2, holder = $3, pool = $4, queue = $5 WHERE id = $6',
    [owner ? JSON.stringify(owner) : null, owner?.id ?? null, holder, pool, queue, id],
  );
}

/** Sets the stage, keeping the one before it as the prior stage. */
export async function setStage(tx: Tx, id: string, stage: Stage) {
  await tx.run(
    'UPDATE handoff_leads SET prior_stage = CASE WHEN stage = $1 THEN prior_stage ELSE stage END, stage = $1 WHERE id = $2',
    [stage, id],
  );
}
