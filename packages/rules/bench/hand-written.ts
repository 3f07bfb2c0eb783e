// The reference workload's logic written by hand (port of shared/bench/reference-workload/rules.mjs):
// the physical limit the evaluator is measured against.
/* biome-ignore-all lint/suspicious/noExplicitAny: leads are untyped input */
type Lead = Record<string, any>;

const S_SENIOR = new Set(['c_level', 'vp', 'director']);
const S_IND = new Set(['software', 'saas', 'fintech', 'ecommerce']);
const S_CTRY = new Set(['DE', 'AT', 'CH', 'NL', 'FR', 'GB']);
const S_SRC = new Set(['referral', 'partner', 'event']);
const S_SANC = new Set(['KP', 'IR', 'SY', 'CU']);
const S_AUTH = new Set(['decision_maker', 'budget_holder']);
const S_NEED = new Set(['high', 'medium']);

export function handScore(l: Lead): number {
  const c = l.company;
  const e = l.events;
  let s = 0;
  if (S_SENIOR.has(l.seniority)) s += 15;
  const size = c?.size;
  if (size >= 50 && size <= 5000) s += 10;
  if (S_IND.has(c?.industry)) s += 10;
  if (S_CTRY.has(c?.country)) s += 5;
  if (c?.revenue >= 10000000) s += 10;
  if (e) {
    if (e.webinar + e.whitepaper >= 2) s += 10;
    if (e.pricingViews >= 3) s += 15;
    if (e.demoRequested === true) s += 25;
    const la = e.lastActivityDays;
    if (la <= 7) s += 10;
    if (la > 90) s -= 15;
  }
  const em = l.email;
  if (
    typeof em === 'string' &&
    (em.includes('@gmail.') ||
      em.includes('@yahoo.') ||
      em.includes('@hotmail.') ||
      em.includes('@outlook.') ||
      em.includes('@gmx.') ||
      em.includes('@web.de'))
  )
    s -= 10;
  if (l.seniority === 'student' || (typeof l.jobTitle === 'string' && l.jobTitle.includes('Student')))
    s -= 20;
  if (S_SRC.has(l.source)) s += 10;
  return s;
}

export function handBant(l: Lead): number {
  return (
    (l.budget >= 10000 ? 1 : 0) +
    (S_AUTH.has(l.authority) ? 1 : 0) +
    (S_NEED.has(l.need) ? 1 : 0) +
    (l.timelineDays <= 90 ? 1 : 0)
  );
}

export function handRoute(l: Lead): 'disqualified' | 'sql' | 'mql' | 'nurture' {
  const c = l.company;
  const score = handScore(l);
  if (S_SANC.has(c?.country) || c?.size < 3 || score < 0) return 'disqualified';
  if (score >= 60 && handBant(l) >= 3) return 'sql';
  if (score >= 35) return 'mql';
  return 'nurture';
}
