import { eventsOverLimit, type LeadProblem, readEventsCell } from '../evaluate/lead-events.ts';
import { EVENTS_PATH } from '../model/events.ts';
import type { FieldCatalogue } from '../model/fields.ts';

/** Which catalogue field (or `events`, the lead's events list) each column of an upload feeds (null: ignored). */
export type ColumnMapping = Record<string, string | null>;

/** One row read as a lead, or why it cannot be evaluated (its events). */
export type RowLead = { lead: Record<string, unknown> } | { problem: LeadProblem };

/**
 * What a header and a field name are compared by: the letters and digits of any script, lower-cased;
 * spaces, `_`, `-`, `.` and other punctuation are left out. A name with neither matches nothing.
 * @example headerKey(' Company_Size ') // 'companysize'
 */
export function headerKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

type CatalogueField = FieldCatalogue[number];

/** The fields by the key of one of their names, each list in catalogue order. */
function indexBy(fields: readonly CatalogueField[], name: (f: CatalogueField) => string) {
  const index = new Map<string, CatalogueField[]>();
  for (const f of fields) {
    const key = headerKey(name(f));
    if (key === '') continue;
    const list = index.get(key);
    if (list) list.push(f);
    else index.set(key, [f]);
  }
  return index;
}

/** Whether a lead's `events` may hold its events list: not when catalogue fields live there (counts kept as fields). */
const hasEventsList = (fields: readonly CatalogueField[]) =>
  !fields.some((f) => f.path === EVENTS_PATH || f.path.startsWith(`${EVENTS_PATH}.`));

/**
 * Matches upload columns to catalogue fields (docs/api-contract.md, "Reading uploads"): by `headerKey`,
 * first to a field's path, then to its label, then to its path's last segment; within a pass the
 * headers in file order, each field fed by one column at most. A column named `events` feeds the lead's
 * events list (a JSON list in each cell), unless catalogue fields live under `events`. The catalogue is indexed once, so the
 * time grows with the number of headers, never with headers times fields.
 */
export function suggestMapping(headers: readonly string[], fields: FieldCatalogue): ColumnMapping {
  // No prototype: a column named "__proto__" is a column like any other.
  const mapping: ColumnMapping = Object.create(null);
  const taken = new Set<string>();
  const passes = [
    indexBy(fields, (f) => f.path),
    indexBy(fields, (f) => f.label),
    indexBy(fields, (f) => f.path.split('.').at(-1)!),
  ];
  const keys = headers.map(headerKey);
  for (const header of headers) mapping[header] = null;
  for (const index of passes) {
    headers.forEach((header, i) => {
      if (mapping[header]) return;
      const candidates = index.get(keys[i]!);
      // Taken fields leave the front of the list, so many equal headers do not rescan it.
      while (candidates?.length && taken.has(candidates[0]!.path)) candidates.shift();
      const field = candidates?.[0];
      if (field) {
        mapping[header] = field.path;
        taken.add(field.path);
      }
    });
  }
  if (hasEventsList(fields)) {
    const events = headers.find((h, i) => keys[i] === EVENTS_PATH && !mapping[h]);
    if (events !== undefined) mapping[events] = EVENTS_PATH;
  }
  return mapping;
}

/**
 * For rows that are leads in the workflow's own shape (NDJSON): each catalogue path no column feeds
 * reads itself, and so does `events` (unless fields live there), as later rows may carry keys the
 * first one (the columns) lacks. Answers a new mapping.
 * @example withOwnPaths({ email: 'email' }, fields) // { email: 'email', 'company.size': 'company.size', events: 'events' }
 */
export function withOwnPaths(mapping: ColumnMapping, fields: FieldCatalogue): ColumnMapping {
  const out: ColumnMapping = Object.assign(Object.create(null), mapping);
  const fed = new Set(Object.values(mapping));
  const own = fields.map((f) => f.path);
  if (hasEventsList(fields)) own.push(EVENTS_PATH);
  for (const path of own) if (!fed.has(path) && !Object.hasOwn(out, path)) out[path] = path;
  return out;
}

/**
 * Turns a mapping into a function from one row of column values to a nested lead, with the paths
 * split and checked once (a backtest runs it on every row); the normaliser converts the values. The
 * column mapped to `events` holds the lead's events as JSON text (`readEventsCell`); a cell that is not
 * JSON, or a list over `MAX_EVENTS`, makes the row a problem rather than a lead.
 * @example compileMapping({ employees: 'company.employees' })({ employees: '40' }) // { lead: { company: { employees: '40' } } }
 */
export function compileMapping(mapping: ColumnMapping): (row: Record<string, unknown>) => RowLead {
  const columns: { column: string; parents: string[]; key: string; events: boolean }[] = [];
  for (const [column, path] of Object.entries(mapping)) {
    if (!path) continue;
    const segs = path.split('.');
    // Mappings may come from a client: never walk into names every object has.
    if (segs.some((s) => s === 'prototype' || s in Object.prototype)) continue;
    columns.push({ column, parents: segs.slice(0, -1), key: segs.at(-1)!, events: path === EVENTS_PATH });
  }
  return (row) => {
    const lead: Record<string, unknown> = {};
    let eventsColumn: string | null = null;
    for (const { column, parents, key, events } of columns) {
      if (!Object.hasOwn(row, column)) continue;
      if (events) eventsColumn = column;
      let target = lead;
      for (const seg of parents) {
        const next = Object.hasOwn(target, seg) ? target[seg] : undefined;
        if (!next || typeof next !== 'object') target[seg] = {};
        target = target[seg] as Record<string, unknown>;
      }
      target[key] = row[column];
    }
    if (eventsColumn !== null) {
      const read = readEventsCell(lead[EVENTS_PATH], eventsColumn);
      if ('problem' in read) return read;
      lead[EVENTS_PATH] = read.value;
      const over = eventsOverLimit(lead);
      if (over) return { problem: over };
    }
    return { lead };
  };
}

/**
 * Builds a nested lead from one row of column values (`compileMapping` for many rows).
 * Throws the row's problem (an events cell that is not JSON, too many events) as an Error.
 */
export function rowToLead(row: Record<string, unknown>, mapping: ColumnMapping): Record<string, unknown> {
  const read = compileMapping(mapping)(row);
  if ('problem' in read) throw new Error(read.problem.message);
  return read.lead;
}

/** The outcome values that count as converted (any case, surrounding spaces ignored). */
export const CONVERTED_WORDS = [
  '1',
  'true',
  'yes',
  'y',
  'won',
  'converted',
  'closed won',
  'closed-won',
  'customer',
];
const TRUE_OUTCOMES = new Set(CONVERTED_WORDS);

/** Reads an outcome cell: converted / won / 1 / true / yes count as converted, anything else does not. */
export function isConverted(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && TRUE_OUTCOMES.has(value.trim().toLowerCase());
}
