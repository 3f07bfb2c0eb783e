import type { Stage } from '@qualify/rules';

// Stands in for the rules core's stageRank until that branch merges.
const LADDER: Stage[] = ['Subscriber', 'Lead', 'MQL', 'SAL', 'SQL', 'Opportunity', 'Customer'];

/** The stage's place on the ladder; Disqualified sits beside it (-1). */
export const stageRank = (stage: Stage) => LADDER.indexOf(stage);
