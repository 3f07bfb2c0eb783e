import type { ArtifactField } from '../compile/artifact.ts';
import { stageOf } from '../model/stage-order.ts';
import { STAGES } from '../model/stages.ts';
import type { SqlDialect } from './dialect.ts';

/**
 * The lead normaliser (evaluate/normalize.ts) in SQL, for a column read as text: what a CSV cell or a
 * database value written out holds. Each field becomes one value of its type, or NULL for missing:
 * blank, a value the field lists as meaning missing, or one that cannot be read as its type.
 */

/** The characters JavaScript's `trim()` removes: white space and line terminators. */
const JS_WHITE_SPACE = [
  9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232,
  8233, 8239, 8287, 12288, 65279,
];

const PLAIN_NUMBER = '-?[0-9]+(\\.[0-9]+)?';
const NUMBER = '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?';
const ISO_DATE =
  '([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?)?';
const TRUE = ['true', 'yes', 'y', '1'];
const FALSE = ['false', 'no', 'n', '0'];

/** Thrown for a construct the SQL targets cannot compute exactly as the runtime does. */
export class SqlRefusedError extends Error {
  readonly code = 'sql_refused';
}

/**
 * JavaScript lower-cases Σ by its place in a word (ς at the end), the SQL engines always to σ: text the
 * workflow compares with that holds either is refused, never compared differently.
 */
export function checkFoldable(text: string, where: string): void {
  if (/[σς]/u.test(text))
    throw new SqlRefusedError(
      `${where}: "${text}" holds a Greek sigma, which JavaScript and SQL lower-case differently; SQL cannot compare it exactly.`,
    );
}

/** SQL that trims and lower-cases text as `s.trim().toLowerCase()` does. */
export function foldSql(sql: SqlDialect, expr: string): string {
  return lowerSql(sql, trimSql(sql, expr));
}

/** The characters as one literal (an expression of chr() calls is computed again for every row). */
const WHITE_SPACE = String.fromCodePoint(...JS_WHITE_SPACE);

export function trimSql(sql: SqlDialect, expr: string): string {
  return sql.trim(expr, sql.text(WHITE_SPACE));
}

/** Lower case as JavaScript's: İ is the one letter it lower-cases to two characters (i, combining dot). */
export function lowerSql(sql: SqlDialect, expr: string): string {
  return `lower(replace(${expr}, ${sql.text('\u0130')}, ${sql.text('i\u0307')}))`;
}

/** The columns of one field in the normalising layers: raw text `x`, trimmed `t`, folded `f`, the rest. */
export interface FieldColumns {
  x: string;
  t: string;
  f: string;
  /** Per-type work of the middle layer (date groups, number text without separators), or null. */
  aux: string;
}

const inList = (sql: SqlDialect, expr: string, values: readonly string[]) =>
  values.length ? `${expr} IN (${values.map((v) => sql.text(v)).join(', ')})` : 'FALSE';

/** The middle layer's per-type work for a field (from `x` and `t`), or null when it needs none. */
export function auxSql(sql: SqlDialect, field: ArtifactField, c: FieldColumns): string | null {
  if (field.type === 'number')
    return `CASE WHEN NOT (length(${c.x}) <= 300 AND ${sql.matches(c.x, PLAIN_NUMBER)}) THEN ${sql.dropThousands(c.t)} END`;
  if (field.type === 'date') return sql.groups(c.t, ISO_DATE, 11).setup;
  return null;
}

/** The normalised value of a field (NULL when missing), from the columns of the earlier layers. */
export function valueSql(sql: SqlDialect, field: ArtifactField, c: FieldColumns): string {
  const missing = field.missing ?? [];
  for (const m of missing) checkFoldable(m, `Field "${field.path}", missing value`);
  const listed = missing.length ? `WHEN ${inList(sql, c.f, missing)} THEN NULL ` : '';
  const head = `CASE WHEN ${c.x} IS NULL THEN NULL ${listed}`;
  switch (field.type) {
    case 'string':
      return `${head}WHEN ${c.f} = '' THEN NULL ELSE ${c.f} END`;
    case 'boolean':
      return `${head}WHEN ${inList(sql, c.f, TRUE)} THEN TRUE WHEN ${inList(sql, c.f, FALSE)} THEN FALSE END`;
    case 'number': {
      const plain = sql.name === 'postgres' ? `${c.x}::float8` : `TRY_CAST(${c.x} AS DOUBLE)`;
      return `${head}WHEN ${c.aux} IS NULL THEN ${plain} WHEN ${sql.matches(c.aux, NUMBER)} THEN ${sql.toDouble(c.aux)} END`;
    }
    case 'enum': {
      // Exactly as written first, then folded to the last value that folds alike (the runtime's Map).
      const values = (field.values ?? []).filter((v) => !missing.includes(v.trim().toLowerCase()));
      const folded = new Map(values.map((v) => [v.trim().toLowerCase(), v]));
      for (const f of folded.keys()) checkFoldable(f, `Field "${field.path}", value`);
      const exact = values.map((v) => `WHEN ${c.x} = ${sql.text(v)} THEN ${sql.text(v)}`);
      const loose = [...folded].map(([f, v]) => `WHEN ${c.f} = ${sql.text(f)} THEN ${sql.text(v)}`);
      return `${head}${[...exact, ...loose].join(' ')} END`;
    }
    case 'stringList':
      return `${head}WHEN ${c.t} = '' THEN NULL ELSE ${sql.splitList(c.x, (e) => foldSql(sql, e))} END`;
    case 'date':
      return `${head}WHEN ${c.t} = '' THEN NULL ELSE ${dateSql(sql, c.aux)} END`;
  }
}

/** Epoch milliseconds of the ISO 8601 text whose capture groups are in `m` (parseIsoDate), or NULL. */
function dateSql(sql: SqlDialect, m: string): string {
  const { group } = sql.groups('', ISO_DATE, 11);
  const g = (i: number) => `NULLIF(${m}${group(i)}, '')`;
  const num = (i: number, otherwise = '0') => `coalesce(CAST(${g(i)} AS ${sql.double}), ${otherwise})`;
  const [y, mo, d, h, mi, s] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  const [oh, om] = [num(10), num(11)];
  const floor = (a: string, b: number) => `floor((${a}) / ${b})`;
  const leap = `((${floor(y, 4)} * 4 = ${y} AND ${floor(y, 100)} * 100 <> ${y}) OR ${floor(y, 400)} * 400 = ${y})`;
  const dim = `CASE WHEN ${mo} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${mo} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  const yy = `(${y} - CASE WHEN ${mo} <= 2 THEN 1 ELSE 0 END)`;
  const era = floor(yy, 400);
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(${floor(`153 * (${mo} + CASE WHEN ${mo} > 2 THEN -3 ELSE 9 END) + 2`, 5)} + ${d} - 1)`;
  const doe = `(${yoe} * 365 + ${floor(yoe, 4)} - ${floor(yoe, 100)} + ${doy})`;
  const days = `(${era} * 146097 + ${doe} - 719468)`;
  const ms = `coalesce(CAST(rpad(left(${g(7)}, 3), 3, '0') AS ${sql.double}), 0)`;
  const offset = `CASE WHEN ${g(9)} = '-' THEN -1 WHEN ${g(9)} = '+' THEN 1 ELSE 0 END * (${oh} * 60 + ${om}) * 60000`;
  const valid = `${g(1)} IS NOT NULL AND ${mo} BETWEEN 1 AND 12 AND ${d} >= 1 AND ${d} <= ${dim} AND ${h} <= 23 AND ${mi} <= 59 AND ${s} <= 59 AND ${oh} <= 23 AND ${om} <= 59`;
  return `CASE WHEN ${valid} THEN ${days} * 86400000 + ${h} * 3600000 + ${mi} * 60000 + ${s} * 1000 + ${ms} - ${offset} END`;
}

/** The stage a normalised current-stage value names (stageOf), or NULL. */
export function stageOfSql(sql: SqlDialect, field: ArtifactField, v: string): string {
  if (field.type !== 'string' && field.type !== 'enum') return 'NULL';
  const arms = STAGES.map((s) => `WHEN ${sql.text(s.toLowerCase())} THEN ${sql.text(stageOf(s)!)}`);
  return `CASE ${foldSql(sql, v)} ${arms.join(' ')} END`;
}
