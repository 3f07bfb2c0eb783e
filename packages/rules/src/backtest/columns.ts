import type { FieldCatalogue } from '../model/fields.ts';

/** Which catalogue field each column of an upload feeds (null: ignored). */
export type ColumnMapping = Record<string, string | null>;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Matches upload columns to catalogue fields by path, then by label, then by the path's last segment,
 * ignoring case, spaces and punctuation ("Company size", "company_size" and "company.size" all match).
 */
export function suggestMapping(headers: readonly string[], fields: FieldCatalogue): ColumnMapping {
  // No prototype: a column named "__proto__" is a column like any other.
  const mapping: ColumnMapping = Object.create(null);
  const taken = new Set<string>();
  const tries: ((f: FieldCatalogue[number]) => string)[] = [
    (f) => squash(f.path),
    (f) => squash(f.label),
    (f) => squash(f.path.split('.').at(-1)!),
  ];
  for (const header of headers) mapping[header] = null;
  for (const key of tries) {
    for (const header of headers) {
      if (mapping[header]) continue;
      const field = fields.find((f) => !taken.has(f.path) && key(f) === squash(header));
      if (field) {
        mapping[header] = field.path;
        taken.add(field.path);
      }
    }
  }
  return mapping;
}

/**
 * Turns a mapping into a function from one row of column values to a nested lead, with the paths
 * split and checked once (a backtest runs it on every row); the normaliser converts the values.
 * @example compileMapping({ employees: 'company.employees' })({ employees: '40' }) // { company: { employees: '40' } }
 */
export function compileMapping(
  mapping: ColumnMapping,
): (row: Record<string, unknown>) => Record<string, unknown> {
  const columns: { column: string; parents: string[]; key: string }[] = [];
  for (const [column, path] of Object.entries(mapping)) {
    if (!path) continue;
    const segs = path.split('.');
    // Mappings may come from a client: never walk into names every object has.
    if (segs.some((s) => s === 'prototype' || s in Object.prototype)) continue;
    columns.push({ column, parents: segs.slice(0, -1), key: segs.at(-1)! });
  }
  return (row) => {
    const lead: Record<string, unknown> = {};
    for (const { column, parents, key } of columns) {
      if (!Object.hasOwn(row, column)) continue;
      let target = lead;
      for (const seg of parents) {
        const next = Object.hasOwn(target, seg) ? target[seg] : undefined;
        if (!next || typeof next !== 'object') target[seg] = {};
        target = target[seg] as Record<string, unknown>;
      }
      target[key] = row[column];
    }
    return lead;
  };
}

/** Builds a nested lead from one row of column values (`compileMapping` for many rows). */
export function rowToLead(row: Record<string, unknown>, mapping: ColumnMapping): Record<string, unknown> {
  return compileMapping(mapping)(row);
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
