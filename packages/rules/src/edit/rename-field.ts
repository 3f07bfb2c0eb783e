import type { WorkflowInput } from '../model/workflow.ts';

/** Properties of node data that name a catalogue field: comparisons and decay (`field`), a route's owner field. */
const FIELD_KEYS = new Set(['field', 'ownerField']);

/** Copies a JSON value, pointing every field-naming property that names `from` at `to`. */
function renameIn(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameIn(v, from, to));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = FIELD_KEYS.has(k) && v === from ? to : renameIn(v, from, to);
  return out;
}

/**
 * Renames a catalogue field and every reference to it in the nodes' data (node data names
 * catalogue fields only through properties called `field`, comparisons and decay, and a sales route's
 * `ownerField`). Pure: returns a
 * new document. Refuses (returns the document unchanged) when `to` is another field's path.
 * @example renameField(doc, 'company.size', 'company.employees')
 */
export function renameField<W extends Pick<WorkflowInput, 'fields' | 'nodes'>>(
  doc: W,
  from: string,
  to: string,
): W {
  if (from === to || doc.fields.some((f) => f.path === to)) return doc;
  return {
    ...doc,
    fields: doc.fields.map((f) => (f.path === from ? { ...f, path: to } : f)),
    nodes: doc.nodes.map((n) => ({ ...n, data: renameIn(n.data, from, to) })),
  };
}
