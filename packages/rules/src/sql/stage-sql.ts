import { STAGE_LADDER } from '../model/stage-order.ts';
import type { SqlDialect } from './dialect.ts';

/** From this stage on, sales owns the lead: an evaluation may no longer disqualify it (stage-order.ts). */
const SALES_OWNS_FROM = STAGE_LADDER.indexOf('SAL');

/**
 * "Stages only move forward" (model/stage-order.ts, nextStage) in SQL: the stage a lead ends with, and
 * whether it kept its prior stage, from the path's stage, the prior stage (NULL: none) and the route's
 * recycle stage (NULL: none).
 */
export function stageRuleSql(
  sql: SqlDialect,
  proposed: string,
  prior: string,
  recycle: string,
): { stage: string; kept: string } {
  const rank = (s: string) =>
    `CASE ${s} ${STAGE_LADDER.map((x, i) => `WHEN ${sql.text(x)} THEN ${i}`).join(' ')} ELSE -1 END`;
  const disqualified = sql.text('Disqualified');
  const kept = `(${recycle} IS NULL AND ${prior} IS NOT NULL AND ${prior} <> ${disqualified} AND ${prior} <> ${proposed} AND CASE WHEN ${proposed} = ${disqualified} THEN ${rank(prior)} >= ${SALES_OWNS_FROM} ELSE ${rank(proposed)} < ${rank(prior)} END)`;
  return {
    stage: `CASE WHEN ${recycle} IS NOT NULL THEN ${recycle} WHEN ${kept} THEN ${prior} ELSE ${proposed} END`,
    kept,
  };
}
