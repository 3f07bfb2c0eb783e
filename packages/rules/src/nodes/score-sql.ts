import { DAY_MS } from '../model/logic.ts';
import type { Limit } from '../model/score-limits.ts';
import { SqlRefusedError } from '../sql/normalize-sql.ts';
import { SQL_MET } from '../sql/truth.ts';
import type { SqlContext, SqlStep } from './kind.ts';
import type { ScoreData } from './score.ts';

/** `v` held within a limit, as clamp() does: over the cap is the cap, else under the floor the floor. */
function clampSql(v: string, limit: Limit | undefined, num: (n: number) => string): string {
  if (!limit) return v;
  let out = v;
  if (limit.floor !== null)
    out = `CASE WHEN ${v} < ${num(limit.floor)} THEN ${num(limit.floor)} ELSE ${v} END`;
  if (limit.cap !== null) out = `CASE WHEN ${v} > ${num(limit.cap)} THEN ${num(limit.cap)} ELSE ${out} END`;
  return out;
}

/**
 * A score step in SQL: each rule's points (decayed by a date field's age), the sum within the table's
 * cap then floor, added to the score and the total, then the workflow's limits on the score (the total
 * moves with it) and on the total, as prepareScore does. Decay on events has no SQL form.
 */
export function scoreSql(d: ScoreData, ctx: SqlContext): SqlStep {
  const { num } = ctx.sql;
  const points = d.rules.map((r) => {
    const met = `${ctx.condition(r.condition)} = ${SQL_MET}`;
    if (!r.decay) return `CASE WHEN ${met} THEN ${num(r.points)} ELSE ${num(0)} END`;
    if (r.decay.field === undefined)
      throw new SqlRefusedError(
        `rule "${r.label}" decays by the age of its events, which SQL does not read.`,
      );
    const when = ctx.field(r.decay.field);
    const age = `(${ctx.now} - ${when})`;
    return `CASE WHEN NOT (${met}) OR ${when} IS NULL THEN ${num(0)} WHEN ${age} <= ${num(r.decay.days * DAY_MS)} THEN ${num(r.points)} WHEN ${age} <= ${num(2 * r.decay.days * DAY_MS)} THEN ${num(r.points / 2)} ELSE ${num(0)} END`;
  });
  let sum = points.length ? `(${points.join(' + ')})` : num(0);
  if (d.cap !== null) sum = `LEAST(${sum}, ${num(d.cap)})`;
  if (d.floor !== null) sum = `GREATEST(${sum}, ${num(d.floor)})`;
  const q = ctx.fact(sum);
  const own = ctx.score[d.scoreType];
  const added = `(${own} + ${q})`;
  const limits = ctx.scoreLimits;
  const held = clampSql(added, limits?.[d.scoreType], num);
  // The total moves as the score does when the score's limit holds it: + q, then + (limit - score).
  const total =
    held === added ? `(${ctx.score.total} + ${q})` : `((${ctx.score.total} + ${q}) + (${held} - ${added}))`;
  return {
    scores: { [d.scoreType]: held, total: clampSql(total, limits?.total, num) },
    exits: [{ port: 'next' }],
  };
}
