import type { Schedule } from '@qualify/rules';
import type { Clock } from '../../clock.ts';
import type { HandoffRequest, HandoffStore, PoolInput, RepInput } from '../types.ts';

/** How the contract suite gets a store: a fresh place to keep one, and opening (or reopening) it there. */
export interface StoreFactory {
  fresh(): Promise<string>;
  open(location: string, clock: Clock): Promise<HandoffStore>;
}

/** A clock the test moves. */
export const testClock = (startIso: string) => {
  let now = Date.parse(startIso);
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
    add: (ms: number) => {
      now += ms;
    },
  };
};

export const HOUR = 3_600_000;
// Monday 30 November 2026, 10:00 in Berlin: inside working hours.
export const MONDAY_10 = '2026-11-30T09:00:00.000Z';

export const berlin: Schedule = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
  daysOff: [],
};

export const rep = (id: string, more: Partial<RepInput> = {}): RepInput => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  email: `${id}@example.test`,
  ...more,
});

export const pool = (reps: RepInput[], more: Partial<PoolInput> = {}): PoolInput => ({
  id: 'emea',
  name: 'EMEA AEs',
  schedule: berlin,
  managerEmail: 'mia@example.test',
  reps,
  ...more,
});

let decisions = 0;

/** A decision routed to sales through the pool `emea`, as evaluation hands it over. */
export const toSales = (
  leadId: string | null,
  at: number,
  more: Partial<HandoffRequest['sales']> = {},
): HandoffRequest => ({
  decisionId: `dec-${++decisions}`,
  at,
  leadId,
  workflow: { id: 'inbound', version: 3 },
  route: { kind: 'sales', target: 'SDR team', priority: 'high' },
  stage: 'SAL',
  priorStage: null,
  stageKept: false,
  score: 82,
  sales: { firstContactHours: 4, touches: 3, pool: 'emea', method: 'turn', ...more },
});

export const toNurture = (
  leadId: string,
  at: number,
  more: Partial<HandoffRequest> = {},
): HandoffRequest => ({
  decisionId: `dec-${++decisions}`,
  at,
  leadId,
  workflow: { id: 'inbound', version: 3 },
  route: { kind: 'nurture', target: 'Newsletter' },
  stage: 'MQL',
  priorStage: null,
  stageKept: false,
  score: 30,
  ...more,
});

/** How many leads each owner got (null: the fallback queue). */
export const tally = (owners: Array<string | null>) => {
  const counts: Record<string, number> = {};
  for (const owner of owners) counts[owner ?? 'fallback'] = (counts[owner ?? 'fallback'] ?? 0) + 1;
  return counts;
};
