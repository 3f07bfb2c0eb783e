/**
 * Truth values in the SQL targets: small integers, so Kleene's three-valued logic is LEAST (all) and
 * GREATEST (any), as MIN and MAX are in the runtime's JSON-logic (model/logic.ts).
 */
export const SQL_MET = 2;
export const SQL_UNKNOWN = 1;
export const SQL_NOT_MET = 0;

/** A truth value's status as a decision's gate criteria report it. */
export const truthStatusSql = (truth: string) =>
  `CASE ${truth} WHEN ${SQL_MET} THEN 'met' WHEN ${SQL_UNKNOWN} THEN 'unknown' ELSE 'not_met' END`;
