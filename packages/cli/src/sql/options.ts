import {
  type CompiledSql,
  compileSql,
  dateValue,
  type FieldCatalogue,
  SQL_DIALECTS,
  type SqlDialectName,
  SqlRefusedError,
  suggestMapping,
  WorkflowInvalidError,
} from '@qualify/rules';
import { UsageError } from '../command.ts';
import { countIssues, issueLines } from '../issues.ts';

/** The options `sql` and `score` share: which column feeds a field, the id column, the time. */
export const MAPPING_OPTIONS = {
  column: { type: 'string', multiple: true },
  id: { type: 'string' },
  now: { type: 'string' },
} as const;

export const MAPPING_HELP = `  --column <path>=<column>  read the field at <path> from <column> (repeat for each); default: the
                            column named as the path with _ for . (company.size → company_size)
  --id <column>             the column holding the lead's id; default: the catalogue's lead-id
                            field's column, else id
  --now <time>              the evaluation time, ISO 8601 (2026-03-02T09:00:00Z)`;

export function dialectOf(value: unknown): SqlDialectName {
  if (typeof value !== 'string' || !(SQL_DIALECTS as readonly string[]).includes(value))
    throw new UsageError(
      `--dialect is ${SQL_DIALECTS.join(' or ')}${value === undefined ? '' : `, not "${value}"`}.`,
    );
  return value as SqlDialectName;
}

/** `--column path=column` options as a mapping from field path to column. */
export function columnsOf(values: unknown, fields: FieldCatalogue): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const v of (values as string[] | undefined) ?? []) {
    const cut = v.indexOf('=');
    const [path, column] = [v.slice(0, cut), v.slice(cut + 1)];
    if (cut < 1 || !column) throw new UsageError(`--column "${v}" is not <field path>=<column>.`);
    if (!fields.some((f) => f.path === path))
      throw new UsageError(
        `--column "${v}": "${path}" is not a field of the workflow (${fields.map((f) => f.path).join(', ')}).`,
      );
    out[path] = column;
  }
  return out;
}

/** `--now` as epoch milliseconds (undefined when not given). */
export function nowOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = dateValue(value);
  if (!Number.isFinite(ms))
    throw new UsageError(`--now "${String(value)}" is not a time: give ISO 8601, like 2026-03-02T09:00:00Z.`);
  return ms;
}

/**
 * Each field's column among `headers`: as `--column` says, else the one the runtime's upload mapping
 * picks (the path's own column first), else none: the field is missing for every lead.
 */
export function mapColumns(
  headers: readonly string[],
  fields: FieldCatalogue,
  given: Record<string, string>,
): Record<string, string | null> {
  const suggested = suggestMapping(headers, fields);
  const byPath = new Map(
    Object.entries(suggested).flatMap(([column, path]) => (path ? [[path, column]] : [])),
  );
  return Object.fromEntries(fields.map((f) => [f.path, given[f.path] ?? byPath.get(f.path) ?? null]));
}

/** The id column of a table with `headers`: `--id`, the lead-id field's column, `id`, `lead_id`, else none. */
export function idColumnOf(
  headers: readonly string[],
  fields: FieldCatalogue,
  columns: Record<string, string | null>,
  given: string | undefined,
): string | null {
  if (given !== undefined) return given;
  const field = fields.find((f) => f.leadId);
  const own = field ? columns[field.path] : null;
  return own ?? headers.find((h) => h === 'id') ?? headers.find((h) => h === 'lead_id') ?? null;
}

/** How a scorer compiles the workflow once it knows the table, its columns and the lead-id column; null: it cannot. */
export type CompileFor = (
  table: string,
  columns: Record<string, string | null>,
  id: string | null,
) => CompiledSql | null;

/** Compiles to SQL, or writes why not (the workflow's errors, or the step SQL cannot express) and answers null. */
export function compileSqlOrReport(
  path: string,
  doc: unknown,
  options: Parameters<typeof compileSql>[1],
  err: (text: string) => void,
): CompiledSql | null {
  try {
    return compileSql(doc, options);
  } catch (e) {
    if (e instanceof WorkflowInvalidError) {
      err(`${path} is not a valid workflow: ${countIssues(e.issues)}.\n${issueLines(e.issues)}`);
      return null;
    }
    if (e instanceof SqlRefusedError) {
      err(`${path} cannot be scored in SQL exactly as the runtime scores it: ${e.message}\n`);
      return null;
    }
    throw e;
  }
}
