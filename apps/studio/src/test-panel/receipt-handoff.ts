import { addWorkingHours, type Decision, describeSchedule } from '@qualify/rules';
import type { HandoffAnswer } from '../api/types.ts';
import { poolOf, type Team } from '../api/use-team.ts';

/** A receipt as the runtime answers it: a live evaluation adds `handoff`, a draft evaluation does not. */
export type ReceiptDecision = Decision & { handoff?: HandoffAnswer };

/** What the receipt shows of the hand-off: the stage rule, who owns the lead and why, and when it is due. */
export interface ReceiptHandoff {
  /** "Kept at SQL: stages only move forward (this path sets MQL)." or "Recycled to MQL: …". */
  stageNote: { kind: 'kept' | 'recycled'; text: string } | null;
  owner: { text: string; why: string[] } | null;
  /** The first-contact due time, and the hours it counts in, in words. */
  due: { at: string; within: string; hours: string; zone?: string } | null;
}

const METHOD = { turn: 'round robin by turn', fewest: 'fewest leads assigned today' } as const;
const hoursText = (n: number, working: boolean) =>
  `${n} ${working ? 'working ' : ''}hour${n === 1 ? '' : 's'}`;

function stageNote(d: Decision): ReceiptHandoff['stageNote'] {
  if (d.stageKept) {
    const text = d.reasons.find((r) => r.startsWith('Kept at '));
    return { kind: 'kept', text: text ?? `Kept at ${d.stage}: stages only move forward.` };
  }
  const recycled = d.reasons.find((r) => r.startsWith('Recycled to '));
  return recycled ? { kind: 'recycled', text: recycled } : null;
}

/** A live evaluation's hand-off: the owner picked and the reasons, the due time in working hours. */
function fromAnswer(h: HandoffAnswer, d: Decision): Pick<ReceiptHandoff, 'owner' | 'due'> {
  const text = h.owner
    ? `${h.owner.name} (${h.owner.email})${h.assigned === 'kept' ? ', who already owned the lead' : ''}`
    : h.queue
      ? `Nobody by name: the ${h.queue} queue`
      : 'Nobody: the lead did not go to sales';
  const within = d.sla ? hoursText(d.sla.respondWithinHours, h.sla?.workingHours != null) : '';
  return {
    owner: { text, why: h.reasons ?? [] },
    due: h.sla
      ? { at: h.sla.dueAt, within, hours: h.sla.workingHours ?? 'Calendar hours (the route picks no pool).' }
      : null,
  };
}

/**
 * A test run's hand-off, which assigns nobody (a draft evaluation has no side effects): which pool would
 * pick the owner and how, and the due time counted in the pool's working hours from the evaluation time.
 */
function preview(d: Decision, team: Team): Pick<ReceiptHandoff, 'owner' | 'due'> {
  const r = d.route;
  if (r?.kind !== 'sales' || !d.sla) return { owner: null, due: null };
  const h = r.handoff;
  const calendar = {
    at: d.sla.dueAt,
    within: hoursText(d.sla.respondWithinHours, false),
    hours: 'Calendar hours (the route picks no pool).',
  };
  if (!h?.pool) {
    return { owner: { text: `Nobody by name: the ${r.target} queue`, why: [] }, due: calendar };
  }
  const pool = poolOf(team, h.pool);
  const why = [
    ...(h.ownerField
      ? [`The account owner (${h.ownerField}) comes first when in the pool and working.`]
      : []),
    `Nobody eligible: the ${r.target} queue.`,
  ];
  const owner = {
    text: `From the ${pool?.name ?? h.pool} pool, ${METHOD[h.method ?? 'turn']}: a live evaluation picks the rep; a test assigns nobody.`,
    why,
  };
  if (!pool) {
    const missing =
      team && 'error' in team
        ? `the team could not be read (${team.error})`
        : `no pool "${h.pool}" on the Team page`;
    return { owner, due: { ...calendar, hours: `Not known: ${missing}; shown in calendar hours.` } };
  }
  const at = new Date(
    addWorkingHours(Date.parse(d.evaluatedAt), d.sla.respondWithinHours, pool.schedule),
  ).toISOString();
  return {
    owner,
    due: {
      at,
      within: hoursText(d.sla.respondWithinHours, true),
      hours: describeSchedule(pool.schedule),
      zone: pool.schedule.timeZone,
    },
  };
}

/** The receipt's hand-off: from the runtime's answer when it carries one, else a preview from the team. */
export function receiptHandoff(d: ReceiptDecision, team: Team): ReceiptHandoff {
  return { stageNote: stageNote(d), ...(d.handoff ? fromAnswer(d.handoff, d) : preview(d, team)) };
}
