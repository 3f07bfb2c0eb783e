import { describeSchedule, type NODE_KINDS } from '@qualify/rules';
import { poolOf, type Team } from '../api/use-team.ts';

type RouteData = ReturnType<(typeof NODE_KINDS)['route']['dataSchema']['parse']>;
export type SalesRoute = Extract<RouteData, { to: 'sales' }>;

/** The sales side of the agreement for one sales route, in plain words. */
export interface SalesSide {
  /** "EMEA AEs pool, round robin by turn (weighted)" or the queue alone. */
  assignment: string;
  /** The account owner first, when the route names an owner field. */
  stickiness: string | null;
  fallback: string | null;
  /** Working hours in words, or why they are not known. */
  workingHours: string;
  /** Whether due times count working hours (a known pool) or calendar hours. */
  clock: 'working' | 'calendar' | 'unknown';
  commitments: string[];
  escalation: string[];
}

const METHOD = {
  turn: 'round robin by turn (weighted)',
  fewest: 'fewest leads assigned today (weighted)',
} as const;

const ACTION = {
  remind_owner: 'remind the owner',
  notify_manager: "notify the pool's manager",
  reassign: 'reassign to the next eligible rep',
} as const;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What sales commits to on a route, in the words of the agreement: who gets the lead, in which working
 * hours, how fast and how often they touch it, and what happens when they are late.
 * @example salesSide(route, { pools }).commitments[0] // "First touch within 4 working hours"
 */
export function salesSide(r: SalesRoute, team: Team): SalesSide {
  const poolId = r.assign?.pool;
  const pool = poolOf(team, poolId);
  const poolName = pool?.name ?? poolId;
  let workingHours: string;
  let clock: SalesSide['clock'];
  if (!poolId) {
    workingHours = 'Calendar hours: this route picks no pool, so the clock never stops.';
    clock = 'calendar';
  } else if (pool) {
    workingHours = describeSchedule(pool.schedule);
    clock = 'working';
  } else if (team && 'error' in team) {
    workingHours = `Not known here: the team could not be read (${team.error}).`;
    clock = 'unknown';
  } else if (team) {
    workingHours = `Not known: there is no pool "${poolId}" on the Team page. Add it there, or pick another pool on the route.`;
    clock = 'unknown';
  } else {
    workingHours = 'Loading the team…';
    clock = 'unknown';
  }
  const unit = clock === 'calendar' ? 'hour' : 'working hour';
  const commitments = [
    `First touch within ${plural(r.sla.firstContactHours, unit)}`,
    `${r.sla.touches} ${r.sla.touches === 1 ? 'touch' : 'touches'} in all`,
  ];
  if (r.sla.acceptWithinHours !== undefined)
    commitments.push(
      `Accept the lead, or reject it with a reason, within ${plural(r.sla.acceptWithinHours, unit)}`,
    );
  if (poolId)
    commitments.push(
      `"Due soon" warning ${plural(r.sla.dueSoonHours ?? 1, unit)} before the first touch is due`,
    );
  const escalation = (r.escalation ?? []).map((step) => {
    const when =
      step.afterHours === 0 ? 'At the due time' : `${plural(step.afterHours, unit)} after the due time`;
    const manager = step.action === 'notify_manager' && pool?.managerEmail ? ` (${pool.managerEmail})` : '';
    return `${when}: ${ACTION[step.action]}${manager}`;
  });
  return {
    assignment: poolId
      ? `${poolName} pool, ${METHOD[r.assign?.method ?? 'turn']}`
      : `The ${r.queue} queue (nobody is assigned by name)`,
    stickiness: r.assign?.ownerField
      ? `The account owner (${r.assign.ownerField}) gets the lead first, when in the pool and working.`
      : null,
    fallback: poolId ? `When nobody in the pool is eligible: the ${r.queue} queue.` : null,
    workingHours,
    clock,
    commitments,
    escalation,
  };
}
