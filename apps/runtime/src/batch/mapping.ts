import {
  type ColumnMapping,
  EVENTS_PATH,
  type FieldCatalogue,
  headerKey,
  suggestMapping,
  withOwnPaths,
} from '@qualify/rules';
import { invalidRequest } from '../problem.ts';

/** Columns a `mapping` query parameter may name. */
const MAX_MAPPED = 1000;

const listed = (names: readonly string[], max = 20) =>
  names.length > max ? `${names.slice(0, max).join(', ')}, …` : names.join(', ');

/**
 * Reads the `mapping` query parameter of a batch or a backtest: a JSON object
 * `{ "<column>": "<field path>" | "events" | null }` naming only fields of `catalogue`, or the lead's
 * events list (a JSON list in each cell), else 422.
 */
export function parseMapping(text: string | undefined, catalogue: FieldCatalogue): ColumnMapping | null {
  if (text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest([{ path: 'mapping', message: 'is not valid JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest([
      { path: 'mapping', message: 'must be a JSON object { "<column>": "<field path>" | null }' },
    ]);
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_MAPPED) {
    throw invalidRequest([{ path: 'mapping', message: `names more than ${MAX_MAPPED} columns` }]);
  }
  const known = new Set(catalogue.map((f) => f.path));
  const targets = new Set([...known, EVENTS_PATH]);
  const errors = [];
  // No prototype: a column may be called "__proto__" and must stay an ordinary key.
  const mapping: ColumnMapping = Object.create(null);
  for (const [column, path] of entries) {
    if (path !== null && typeof path !== 'string') {
      errors.push({ path: `mapping.${column}`, message: 'must be a field path or null' });
    } else if (path !== null && !targets.has(path)) {
      errors.push({
        path: `mapping.${column}`,
        message: `"${path.slice(0, 100)}" is not a field of this workflow; its fields: ${listed([...known])} (or "${EVENTS_PATH}", the lead's events as a JSON list)`,
      });
    } else mapping[column] = path;
  }
  if (errors.length) throw invalidRequest(errors.slice(0, 50));
  return mapping;
}

/**
 * Finds the header a request names (the outcome column, a column of the mapping): the header
 * spelled exactly so, else the first whose `headerKey` is the same ("Converted" for `converted`).
 * The headers are indexed once, so naming many columns of a wide upload stays linear.
 */
export function columnFinder(headers: readonly string[]): (name: string) => string | undefined {
  const exact = new Set(headers);
  let byKey: Map<string, string> | null = null;
  return (name) => {
    if (exact.has(name)) return name;
    if (!byKey) {
      byKey = new Map();
      for (const h of headers) {
        const key = headerKey(h);
        if (key !== '' && !byKey.has(key)) byKey.set(key, h);
      }
    }
    return byKey.get(headerKey(name));
  };
}

/** A column the request names that the upload lacks: 422, listing the upload's columns. */
export function notAColumn(param: string, name: string, headers: readonly string[]) {
  return invalidRequest([
    {
      path: param,
      message: `"${name.slice(0, 100)}" is not a column of the upload; its columns: ${listed(headers, 30)}`,
    },
  ]);
}

export interface MappingOptions {
  /** The request's mapping: it adjusts the suggestion rather than replacing it. */
  given: ColumnMapping | null;
  /** The backtest's outcome column: never suggested as a field (it is what the leads did). */
  outcome?: string;
  /** The columns are the upload's (CSV): a given column the upload lacks is a 422. */
  strict: boolean;
  /** A column no field takes stays a lead key of its own name (the batch: `id` stays the lead id). */
  keepOthers?: boolean;
  /** Every field no column feeds reads its own path (NDJSON leads in the workflow's shape). */
  pathsReadThemselves?: boolean;
}

/**
 * Which lead path each column feeds (null: dropped), for a batch or a backtest alike: the columns
 * the request's mapping names take what it says (null drops them), and `suggestMapping` matches the
 * other columns with the fields the mapping left over.
 */
export function resolveMapping(
  headers: readonly string[],
  catalogue: FieldCatalogue,
  options: MappingOptions,
): ColumnMapping {
  const given = new Map<string, string | null>();
  const find = columnFinder(headers);
  for (const [column, path] of Object.entries(options.given ?? {})) {
    const header = find(column);
    if (header === undefined && options.strict) throw notAColumn(`mapping.${column}`, column, headers);
    given.set(header ?? column, path);
  }
  const claimed = new Set([...given.values()].filter((p) => p !== null));
  const open = headers.filter((h) => !given.has(h) && h !== options.outcome);
  const suggested = suggestMapping(
    open,
    catalogue.filter((f) => !claimed.has(f.path)),
  );
  const paths = new Set(catalogue.map((f) => f.path));
  const mapping: ColumnMapping = Object.create(null);
  for (const h of headers) {
    if (given.has(h)) mapping[h] = given.get(h)!;
    else if (h === options.outcome) mapping[h] = null;
    else mapping[h] = suggested[h] ?? (options.keepOthers && h !== '' && !paths.has(h) ? h : null);
    // The request sent another column to the events list: this one does not feed it too.
    if (mapping[h] === EVENTS_PATH && !given.has(h) && claimed.has(EVENTS_PATH)) mapping[h] = null;
  }
  for (const [column, path] of given) if (!Object.hasOwn(mapping, column)) mapping[column] = path;
  return options.pathsReadThemselves ? withOwnPaths(mapping, catalogue) : mapping;
}

/** The catalogue fields no column feeds, in catalogue order: their values are missing for every lead. */
export function unmappedFields(mapping: ColumnMapping, catalogue: FieldCatalogue): string[] {
  const fed = new Set(Object.values(mapping));
  return catalogue.filter((f) => !fed.has(f.path)).map((f) => f.path);
}
