import type { Decision } from '../src/index.ts';

/** The reference workload's four outcomes, read off a decision of the product's example workflow. */
export function routeName(d: Decision): 'disqualified' | 'sql' | 'mql' | 'nurture' {
  if (d.route?.kind === 'disqualify') return 'disqualified';
  if (d.stage === 'SQL') return 'sql';
  if (d.stage === 'MQL') return 'mql';
  return 'nurture';
}
