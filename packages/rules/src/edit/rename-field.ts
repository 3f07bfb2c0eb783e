import type { WorkflowInput } from '../model/workflow.ts';

/** Properties of node data that name a catalogue field: comparisons and decay (`field`), a route's owner field. */
const FIELD_KEYS = new Set(['field', 'ownerField']);

/** An events condition: its `where` names event properties, not lead fields. */
const isEvents = (v: Record<string, unknown>) => v.type === 'events' && 'where' in v;

/**
 * Copies a JSON value, pointing every field-naming property that names `from` at `to`: lead fields
 * outside events conditions' `where` (`scope: 'lead'`), or event properties inside them (`'event'`).
 */
function renameIn(
  value: unknown,
  from: string,
  to: string,
  scope: 'lead' | 'event',
  inWhere = false,
): unknown {
  if (Array.isArray(value)) return value.map((v) => renameIn(v, from, to, scope, inWhere));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const events = isEvents(obj);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const here = inWhere || (events && k === 'where');
    out[k] =
      FIELD_KEYS.has(k) && v === from && here === (scope === 'event')
        ? to
        : renameIn(v, from, to, scope, here);
  }
  return out;
}

/**
 * Renames a catalogue field and every reference to it in the nodes' data (node data names
 * catalogue fields only through properties called `field`, comparisons and decay, and a sales route's
 * `ownerField`; a comparison inside an events condition's `where` names an event property and stays).
 * Pure: returns a new document. Refuses (returns the document unchanged) when `to` is another field's path.
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
    nodes: doc.nodes.map((n) => ({ ...n, data: renameIn(n.data, from, to, 'lead') })),
  };
}

/**
 * Renames an event property and every comparison that tests it inside an events condition's `where`.
 * Pure; refuses (returns the document unchanged) without an events section or when `to` is another
 * property's name.
 * @example renameEventProperty(doc, 'url', 'page')
 */
export function renameEventProperty<W extends Pick<WorkflowInput, 'events' | 'nodes'>>(
  doc: W,
  from: string,
  to: string,
): W {
  const properties = doc.events?.properties;
  if (from === to || !properties || properties.some((p) => p.path === to)) return doc;
  return {
    ...doc,
    events: { ...doc.events, properties: properties.map((p) => (p.path === from ? { ...p, path: to } : p)) },
    nodes: doc.nodes.map((n) => ({ ...n, data: renameIn(n.data, from, to, 'event') })),
  };
}
