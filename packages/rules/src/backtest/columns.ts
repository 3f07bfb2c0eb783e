import type { FieldCatalogue } from '../model/fields.ts';

/** Which catalogue field each column of an upload feeds (null: ignored). */
export type ColumnMapping = Record<string, string | null>;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Matches upload columns to catalogue fields by path, then by label, then by the path's last segment,
 * ignoring case, spaces and punctuation ("Company size", "company_size" and "company.size" all match).
 */
export function suggestMapping(headers: readonly string[], fields: FieldCatalogue): ColumnMapping {
  const mapping: ColumnMapping = {};
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

/** Builds a nested lead from one row of column values; the normaliser converts the values by field type. */
export function rowToLead(row: Record<string, unknown>, mapping: ColumnMapping): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  for (const [column, path] of Object.entries(mapping)) {
    if (!path || !Object.hasOwn(row, column)) continue;
    const segs = path.split('.');
    // Mappings may come from a client: never walk into names every object has.
    if (segs.some((s) => s === 'prototype' || s in Object.prototype)) continue;
    let target = lead;
    for (const seg of segs.slice(0, -1)) {
      const next = Object.hasOwn(target, seg) ? target[seg] : undefined;
      if (!next || typeof next !== 'object') target[seg] = {};
      target = target[seg] as Record<string, unknown>;
    }
    target[segs.at(-1)!] = row[column];
  }
  return lead;
}

const TRUE_OUTCOMES = new Set([
  '1',
  'true',
  'yes',
  'y',
  'won',
  'converted',
  'closed won',
  'closed-won',
  'customer',
]);

/** Reads an outcome cell: converted / won / 1 / true / yes count as converted, anything else does not. */
export function isConverted(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && TRUE_OUTCOMES.has(value.trim().toLowerCase());
}
