import type { Grade } from '../model/grade.ts';
import type { SqlDialect } from './dialect.ts';

/** The grade (gradeOf) of a fit and an engagement score, as SQL text 'A1' to 'C3'. */
export function gradeSql(grade: Grade, fit: string, engagement: string, sql: SqlDialect): string {
  const letter = `CASE WHEN ${fit} >= ${sql.num(grade.fit.A)} THEN 'A' WHEN ${fit} >= ${sql.num(grade.fit.B)} THEN 'B' ELSE 'C' END`;
  const digit = `CASE WHEN ${engagement} >= ${sql.num(grade.engagement['1'])} THEN '1' WHEN ${engagement} >= ${sql.num(grade.engagement['2'])} THEN '2' ELSE '3' END`;
  return `(${letter} || ${digit})`;
}
