import { describe, expect, it } from 'vitest';
import { type Candidate, type PickInput, pickOwner } from './pick-owner.ts';

const schedule = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'>,
  start: '09:00',
  end: '17:00',
  daysOff: [],
};
// Monday 30 November 2026, 10:00 in Berlin.
const now = Date.parse('2026-11-30T09:00:00Z');

const rep = (id: string, more: Partial<Candidate> = {}): Candidate => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  email: `${id}@x.test`,
  weight: 1,
  dailyCap: null,
  active: true,
  daysOff: [],
  assignedToday: 0,
  current: 0,
  ...more,
});

const input = (reps: Candidate[], more: Partial<PickInput> = {}): PickInput => ({
  pool: { id: 'emea', name: 'EMEA AEs', schedule, reps },
  method: 'turn',
  nowMs: now,
  fallbackQueue: 'SDR team',
  ...more,
});

/** Runs n picks, carrying the turn state and counts as the store does. */
function run(reps: Candidate[], n: number, method: 'turn' | 'fewest') {
  const counts = new Map<string, number>();
  const order: string[] = [];
  for (let i = 0; i < n; i++) {
    const result = pickOwner(input(reps, { method }));
    const chosen = result.rep as Candidate;
    order.push(chosen.id);
    counts.set(chosen.id, (counts.get(chosen.id) ?? 0) + 1);
    for (const r of reps) {
      r.current = result.turn.get(r.id) ?? 0;
      if (r.id === chosen.id) r.assignedToday++;
    }
  }
  return { counts, order };
}

describe('pickOwner', () => {
  it('takes turns in pool order with equal weights and says so', () => {
    const reps = [rep('ann'), rep('bob'), rep('cy')];
    expect(pickOwner(input(reps)).reasons).toEqual(['Ann: next in turn in EMEA AEs']);
    expect(run(reps, 6, 'turn').order).toEqual(['ann', 'bob', 'cy', 'ann', 'bob', 'cy']);
  });

  it('shares by weight and interleaves (smooth weighted round robin)', () => {
    const reps = [rep('ann', { weight: 3 }), rep('bob', { weight: 1 })];
    const { counts, order } = run(reps, 400, 'turn');
    expect(counts.get('ann')).toBe(300);
    expect(counts.get('bob')).toBe(100);
    // Never more than three of Ann's in a row.
    expect(order.join(',')).not.toContain('ann,ann,ann,ann');
  });

  it('fewest: lowest assigned today per weight, ties by turn, shares follow the weights', () => {
    const reps = [
      rep('ann', { weight: 2, assignedToday: 4 }),
      rep('bob', { assignedToday: 1 }),
      rep('cy', { assignedToday: 3 }),
    ];
    const first = pickOwner(input(reps, { method: 'fewest' }));
    expect(first.rep?.id).toBe('bob');
    expect(first.reasons[0]).toBe('Bob: fewest assigned today in EMEA AEs (1, weight 1)');
    const fresh = [rep('ann', { weight: 2 }), rep('bob'), rep('cy', { weight: 1 })];
    const { counts } = run(fresh, 400, 'fewest');
    expect(counts.get('ann')).toBe(200);
    expect(counts.get('bob')).toBe(100);
    expect(counts.get('cy')).toBe(100);
  });

  it('skips inactive reps, days off and reps at their cap, naming each', () => {
    const reps = [
      rep('ann', { active: false }),
      rep('bob', { dailyCap: 20, assignedToday: 20 }),
      rep('cy', { daysOff: ['2026-11-30'] }),
      rep('dee'),
    ];
    const result = pickOwner(input(reps));
    expect(result.rep?.id).toBe('dee');
    expect(result.reasons).toEqual([
      'Dee: next in turn in EMEA AEs',
      'Ann skipped: inactive',
      'Bob skipped: at their daily cap (20)',
      'Cy skipped: day off',
    ]);
  });

  it("counts a day off in the rep's own zone and the pool's days off for everyone", () => {
    // 22:30 UTC on 29 November is still the 29th in Berlin and already the 30th in Tokyo.
    const lateSunday = Date.parse('2026-11-29T22:30:00Z');
    const tokyo = { ...schedule, timeZone: 'Asia/Tokyo' };
    const reps = [
      rep('ann', { schedule: tokyo, daysOff: ['2026-11-30'] }),
      rep('bob', { daysOff: ['2026-11-30'] }),
    ];
    expect(pickOwner(input(reps, { nowMs: lateSunday })).rep?.id).toBe('bob');
    const holiday = { ...schedule, daysOff: ['2026-11-30'] };
    const result = pickOwner({
      ...input([rep('ann')]),
      pool: { id: 'emea', name: 'EMEA AEs', schedule: holiday, reps: [rep('ann')] },
    });
    expect(result.rep).toBeNull();
  });

  it('assigns on a weekday outside the schedule: only listed dates are days off', () => {
    const saturday = Date.parse('2026-12-05T12:00:00Z');
    expect(pickOwner(input([rep('ann')], { nowMs: saturday })).rep?.id).toBe('ann');
  });

  it('gives the account owner the lead when eligible and in the pool, without moving the turn', () => {
    const reps = [rep('ann'), rep('bob'), rep('dee')];
    const result = pickOwner(input(reps, { sticky: { id: 'dee', field: 'account.ownerId' } }));
    expect(result.rep?.id).toBe('dee');
    expect(result.reasons).toEqual(['Dee: owns the account (account.ownerId)']);
    expect([...result.turn.values()]).toEqual([0, 0, 0]);
  });

  it('falls back to the turn when the account owner is not in the pool or cannot take it', () => {
    const reps = [rep('ann'), rep('dee', { active: false })];
    const outside = pickOwner(input(reps, { sticky: { id: 'zed', field: 'account.ownerId' } }));
    expect(outside.rep?.id).toBe('ann');
    expect(outside.reasons).toContain("The account's owner (account.ownerId zed) is not in EMEA AEs");
    const off = pickOwner(input(reps, { sticky: { id: 'dee', field: 'account.ownerId' } }));
    expect(off.rep?.id).toBe('ann');
    expect(off.reasons).toContain('Dee owns the account (account.ownerId) but cannot take it now');
  });

  it('sends the lead to the fallback queue when nobody is eligible', () => {
    const result = pickOwner(input([rep('ann', { dailyCap: 0 })]));
    expect(result.rep).toBeNull();
    expect(result.reasons).toEqual([
      'Nobody eligible in EMEA AEs: to the fallback queue SDR team',
      'Ann skipped: at their daily cap (0)',
    ]);
  });

  it('excludes the current owner on reassignment', () => {
    const result = pickOwner(input([rep('ann'), rep('bob')], { exclude: ['ann'] }));
    expect(result.rep?.id).toBe('bob');
    expect(result.reasons).toContain('Ann skipped: the current owner');
  });
});
