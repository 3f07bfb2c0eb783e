import type { HandoffErased } from '../types.ts';

/**
 * The erasure's statements, written once for both stores (sqlite/erase.ts, pg/erase.ts): each takes
 * one parameter, a list of ids, which `inList` reads (`IN (SELECT value FROM json_each(?))` in
 * SQLite, `= ANY($1::text[])` in PostgreSQL), over tables named by `table` (PostgreSQL prefixes
 * them). Children go before their parents, so the foreign keys hold at every step.
 */
export interface Dialect {
  table(name: string): string;
  inList: string;
}

type Kind = keyof HandoffErased;

export interface ErasePlan {
  /** Counts the deliveries of the list not yet delivered: the ones the erasure cancels. */
  cancelled: string;
  /** In order; a step with a kind counts its rows as that kind. */
  steps: Array<[Kind | null, string]>;
}

const DUE = "status IN ('pending', 'failed')";

/** Everything kept about a list of lead ids. */
export function leadsPlan({ table: t, inList: list }: Dialect): ErasePlan {
  return {
    cancelled: `SELECT COUNT(*) AS n FROM ${t('deliveries')} WHERE lead_id ${list} AND ${DUE}`,
    steps: [
      [
        null,
        `DELETE FROM ${t('delivery_attempts')} WHERE delivery_id IN (SELECT id FROM ${t('deliveries')} WHERE lead_id ${list})`,
      ],
      ['deliveries', `DELETE FROM ${t('deliveries')} WHERE lead_id ${list}`],
      // By the ordering key (indexed); `lead_id = lead_key` leaves the events of leads without an id
      // (keyed "decision:…") alone, whatever the list holds.
      ['outboxEvents', `DELETE FROM ${t('outbox_events')} WHERE lead_key ${list} AND lead_id = lead_key`],
      [
        null,
        `DELETE FROM ${t('sla_steps')} WHERE sla_id IN (SELECT id FROM ${t('sla')} WHERE lead_id ${list})`,
      ],
      ['slaTimers', `DELETE FROM ${t('sla')} WHERE lead_id ${list}`],
      ['leadEvents', `DELETE FROM ${t('lead_events')} WHERE lead_id ${list}`],
      ['assignments', `DELETE FROM ${t('assignments')} WHERE lead_id ${list}`],
      ['leads', `DELETE FROM ${t('leads')} WHERE id ${list}`],
    ],
  };
}

/** A list of outbox events (of leads without an id) with their deliveries. */
export function eventsPlan({ table: t, inList: list }: Dialect): ErasePlan {
  return {
    cancelled: `SELECT COUNT(*) AS n FROM ${t('deliveries')} WHERE event_id ${list} AND ${DUE}`,
    steps: [
      [
        null,
        `DELETE FROM ${t('delivery_attempts')} WHERE delivery_id IN (SELECT id FROM ${t('deliveries')} WHERE event_id ${list})`,
      ],
      ['deliveries', `DELETE FROM ${t('deliveries')} WHERE event_id ${list}`],
      ['outboxEvents', `DELETE FROM ${t('outbox_events')} WHERE id ${list}`],
    ],
  };
}

/** SQL with `?` placeholders as PostgreSQL numbers them: `$1`, `$2`… */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Queries that pick a retention batch; `?` placeholders (PostgreSQL: through `numbered`). */
export const pruneQueries = (t: (name: string) => string) => ({
  staleLeads: `SELECT id FROM ${t('leads')} WHERE updated_at < ? ORDER BY updated_at LIMIT ?`,
  anonymousEvents: `SELECT id FROM ${t('outbox_events')} WHERE lead_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?`,
  anonymousAssignments: `DELETE FROM ${t('assignments')} WHERE id IN (SELECT id FROM ${t('assignments')} WHERE lead_id IS NULL AND at < ? ORDER BY at LIMIT ?)`,
});

export const noneErased = (): HandoffErased => ({
  leads: 0,
  assignments: 0,
  slaTimers: 0,
  leadEvents: 0,
  outboxEvents: 0,
  deliveries: 0,
  deliveriesCancelled: 0,
});

/** Adds `more` into `into` (which may count more kinds), kind by kind. */
export function addErased<T extends HandoffErased>(into: T, more: HandoffErased): T {
  for (const k of Object.keys(noneErased()) as Kind[]) into[k] += more[k];
  return into;
}
