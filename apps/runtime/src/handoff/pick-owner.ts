import { localDay, type Schedule } from '@qualify/rules/handoff';
import type { AssignMethod, Rep } from './types.ts';

/** A rep as the pick sees it: the pool's rep with today's count and the persisted turn state. */
export interface Candidate extends Omit<Rep, 'assignedToday'> {
  /** Leads assigned today in the rep's local day (see repDay), across pools. */
  assignedToday: number;
  /** Smooth weighted round robin's running value for this rep in this pool (persisted). */
  current: number;
}

export interface PickInput {
  pool: { id: string; name: string; schedule: Schedule; reps: Candidate[] };
  method: AssignMethod;
  nowMs: number;
  /** The account owner's id read from the lead, and the field it came from. */
  sticky?: { id: string; field: string } | null;
  /** Reps that may not take it (reassignment: the current owner). */
  exclude?: string[];
  fallbackQueue: string;
}

export interface PickResult {
  rep: Candidate | null;
  reasons: string[];
  /** The turn state to persist: every rep's new running value (unchanged when nothing moved). */
  turn: Map<string, number>;
}

/** The schedule a rep works by: their own, else the pool's. */
export const repSchedule = (rep: { schedule?: Schedule }, poolSchedule: Schedule) =>
  rep.schedule ?? poolSchedule;

/** The day a rep's daily cap counts in: their local date now. */
export const repDay = (rep: { schedule?: Schedule }, poolSchedule: Schedule, nowMs: number) =>
  localDay(nowMs, repSchedule(rep, poolSchedule).timeZone);

/** Why a rep cannot take a lead now, or null when they can. */
function ineligible(rep: Candidate, input: PickInput): string | null {
  if (input.exclude?.includes(rep.id)) return 'the current owner';
  if (!rep.active) return 'inactive';
  // A day off is a listed date (the rep's, their own schedule's, the pool's), each in its zone. A weekday
  // outside the schedule is not one: a lead on a Saturday is still assigned, its SLA counting from Monday.
  const own = repSchedule(rep, input.pool.schedule);
  const pool = input.pool.schedule;
  const listed = (dates: string[], zone: string) =>
    dates.length > 0 && dates.includes(localDay(input.nowMs, zone));
  if (
    listed(rep.daysOff, own.timeZone) ||
    listed(own.daysOff, own.timeZone) ||
    listed(pool.daysOff, pool.timeZone)
  ) {
    return 'day off';
  }
  if (rep.dailyCap !== null && rep.assignedToday >= rep.dailyCap)
    return `at their daily cap (${rep.dailyCap})`;
  return null;
}

/**
 * One step of smooth weighted round robin (nginx's): every eligible rep gains their weight, the highest
 * takes the turn and gives back the sum, so over any run of picks each rep's share follows the weights
 * and picks interleave (A A B, not A A ... B B).
 */
function turnStep(eligible: Candidate[], turn: Map<string, number>): Candidate {
  const total = eligible.reduce((sum, rep) => sum + rep.weight, 0);
  let best: Candidate | undefined;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const rep of eligible) {
    const value = (turn.get(rep.id) ?? 0) + rep.weight;
    turn.set(rep.id, value);
    if (value > bestValue) {
      best = rep;
      bestValue = value;
    }
  }
  const chosen = best as Candidate;
  turn.set(chosen.id, bestValue - total);
  return chosen;
}

/**
 * Chooses the owner of a lead routed to a pool: the account's owner when they are in the pool and
 * eligible, else by turn (weighted round robin) or by fewest assigned today per weight (ties by turn).
 * Reps who are inactive, on a day off or at their daily cap are skipped; null means the fallback queue.
 * @example pickOwner({ pool, method: 'turn', nowMs, fallbackQueue: 'SDR team' }).reasons
 *   // ['Ann: next in turn in EMEA AEs', 'Bob skipped: at their daily cap (20)']
 */
export function pickOwner(input: PickInput): PickResult {
  const { pool } = input;
  const turn = new Map(pool.reps.map((rep) => [rep.id, rep.current]));
  const skipped: string[] = [];
  const eligible: Candidate[] = [];
  for (const rep of pool.reps) {
    const why = ineligible(rep, input);
    if (why) skipped.push(`${rep.name} skipped: ${why}`);
    else eligible.push(rep);
  }
  const chosen = (rep: Candidate | null, why: string[]): PickResult => ({
    rep,
    reasons: [...why, ...skipped],
    turn,
  });

  const sticky = input.sticky;
  const stickyWhy: string[] = [];
  if (sticky) {
    const owner = pool.reps.find((rep) => rep.id === sticky.id);
    if (owner && eligible.includes(owner)) {
      return chosen(owner, [`${owner.name}: owns the account (${sticky.field})`]);
    }
    stickyWhy.push(
      owner
        ? `${owner.name} owns the account (${sticky.field}) but cannot take it now`
        : `The account's owner (${sticky.field} ${sticky.id}) is not in ${pool.name}`,
    );
  }
  if (eligible.length === 0) {
    return chosen(null, [
      ...stickyWhy,
      `Nobody eligible in ${pool.name}: to the fallback queue ${input.fallbackQueue}`,
    ]);
  }
  if (input.method === 'fewest') {
    const load = (rep: Candidate) => rep.assignedToday / rep.weight;
    const least = Math.min(...eligible.map(load));
    const tied = eligible.filter((rep) => load(rep) === least);
    const rep = turnStep(tied, turn);
    return chosen(rep, [
      `${rep.name}: fewest assigned today in ${pool.name} (${rep.assignedToday}, weight ${rep.weight})`,
      ...stickyWhy,
    ]);
  }
  const rep = turnStep(eligible, turn);
  return chosen(rep, [`${rep.name}: next in turn in ${pool.name}`, ...stickyWhy]);
}
