import { operatorOf } from '../conditions/operators.ts';
import type { Comparison, Condition } from '../conditions/schema.ts';
import { type FieldCatalogue, findField } from '../model/fields.ts';
import type { SqlDialect } from './dialect.ts';
import { checkFoldable, SqlRefusedError } from './normalize-sql.ts';
import { SQL_MET, SQL_NOT_MET, SQL_UNKNOWN } from './truth.ts';

/** What a condition compiles against: the catalogue, the target, each field's normalised column, the time. */
export interface ConditionSqlContext {
  fields: FieldCatalogue;
  sql: SqlDialect;
  column(path: string): string;
  now: string;
  /** The step, for refusals: `step "fit" (score)`. */
  where: string;
}

function literal(sql: SqlDialect, v: unknown, textual: boolean, where: string): string {
  if (typeof v === 'number') return sql.num(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = textual ? String(v).trim().toLowerCase() : String(v);
  if (textual) checkFoldable(s, where);
  return sql.text(s);
}

function comparisonSql(c: Comparison, ctx: ConditionSqlContext): string {
  const op = operatorOf(c.op);
  if (!op) throw new Error(`"${c.op}" is not an operator; validate the workflow before compiling it`);
  const where = `${ctx.where}, "${c.field}" ${c.op}`;
  if (!op.sql) throw new SqlRefusedError(`${where}: the operator has no SQL form.`);
  const v = ctx.column(c.field);
  const isMissing = `${v} IS NULL`;
  if ('presence' in op.sql) return op.sql.presence(isMissing);
  const type = findField(ctx.fields, c.field)?.type ?? 'string';
  const textual = type === 'string' || type === 'stringList';
  const list = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
  const test = op.sql.test({
    v,
    value:
      c.value === undefined || Array.isArray(c.value) ? 'NULL' : literal(ctx.sql, c.value, textual, where),
    values: list.map((x) => literal(ctx.sql, x, textual, where)),
    raw: c.value,
    type,
    sql: ctx.sql,
    now: ctx.now,
  });
  // A missing field makes the comparison UNKNOWN: it neither earns points nor fails a criterion.
  return `CASE WHEN ${isMissing} THEN ${SQL_UNKNOWN} WHEN ${test} THEN ${SQL_MET} ELSE ${SQL_NOT_MET} END`;
}

/**
 * A condition as an SQL truth value (sql/truth.ts): `all` is the least and `any` the greatest of its
 * parts, as conditionLogic compiles them to `min` and `max`.
 */
export function conditionSql(condition: Condition, ctx: ConditionSqlContext): string {
  if (condition.type === 'compare') return comparisonSql(condition, ctx);
  if (condition.type === 'events')
    throw new SqlRefusedError(
      `${ctx.where}: it counts the lead's events, a list the leads table does not hold as columns; score it with the runtime.`,
    );
  if (condition.type === 'grade')
    throw new SqlRefusedError(
      `${ctx.where}: it reads the grade on the path, which SQL does not compute step by step.`,
    );
  const parts = condition.conditions.map((c) => conditionSql(c, ctx));
  if (parts.length === 0) return String(condition.match === 'all' ? SQL_MET : SQL_NOT_MET);
  if (parts.length === 1) return parts[0]!;
  return `${condition.match === 'all' ? 'LEAST' : 'GREATEST'}(${parts.join(', ')})`;
}
