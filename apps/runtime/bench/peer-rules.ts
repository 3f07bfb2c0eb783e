/**
 * The reference workload as standard JSON-logic (a port of shared/bench/reference-workload/rules.mjs):
 * what the peer stack compiles with json-logic-engine. Scores, BANT count and hard disqualifiers are
 * separate documents, so each is computed once and the route is read from them, as a developer
 * assembling the stack would write it.
 */
type Logic = Record<string, unknown>;

const v = (path: string): Logic => ({ var: path });
const pts = (cond: Logic, p: number): Logic => ({ if: [cond, p, 0] });
const FREEMAIL = ['@gmail.', '@yahoo.', '@hotmail.', '@outlook.', '@gmx.', '@web.de'];

const SCORING: [Logic, number][] = [
  [{ in: [v('seniority'), ['c_level', 'vp', 'director']] }, 15],
  [{ '<=': [50, v('company.size'), 5000] }, 10],
  [{ in: [v('company.industry'), ['software', 'saas', 'fintech', 'ecommerce']] }, 10],
  [{ in: [v('company.country'), ['DE', 'AT', 'CH', 'NL', 'FR', 'GB']] }, 5],
  [{ '>=': [v('company.revenue'), 10000000] }, 10],
  [{ '>=': [{ '+': [v('events.webinar'), v('events.whitepaper')] }, 2] }, 10],
  [{ '>=': [v('events.pricingViews'), 3] }, 15],
  [{ '==': [v('events.demoRequested'), true] }, 25],
  [{ '<=': [v('events.lastActivityDays'), 7] }, 10],
  [{ '>': [v('events.lastActivityDays'), 90] }, -15],
  [{ or: FREEMAIL.map((m) => ({ in: [m, v('email')] })) }, -10],
  [{ or: [{ '==': [v('seniority'), 'student'] }, { in: ['Student', v('jobTitle')] }] }, -20],
  [{ in: [v('source'), ['referral', 'partner', 'event']] }, 10],
];
const BANT: Logic[] = [
  { '>=': [v('budget'), 10000] },
  { in: [v('authority'), ['decision_maker', 'budget_holder']] },
  { in: [v('need'), ['high', 'medium']] },
  { '<=': [v('timelineDays'), 90] },
];

export const SCORE: Logic = { '+': SCORING.map(([c, p]) => pts(c, p)) };
export const BANT_COUNT: Logic = { '+': BANT.map((c) => pts(c, 1)) };
export const HARD_DQ: Logic = {
  or: [{ in: [v('company.country'), ['KP', 'IR', 'SY', 'CU']] }, { '<': [v('company.size'), 3] }],
};

export function routeOf(score: number, bant: number, hardDq: boolean): string {
  if (hardDq || score < 0) return 'disqualified';
  if (score >= 60 && bant >= 3) return 'sql';
  if (score >= 35) return 'mql';
  return 'nurture';
}
