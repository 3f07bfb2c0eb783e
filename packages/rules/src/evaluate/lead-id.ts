import type { ArtifactField } from '../compile/artifact.ts';

/** Ids longer than this are cut: a log entry stays small whatever a lead carries. */
const MAX_ID = 200;

function idText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim().slice(0, MAX_ID) || null;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

/**
 * The value at a dotted path of a raw lead (its segments), own properties only; undefined when a step
 * finds nothing or no object.
 * @example readPath({ company: { size: 40 } }, ['company', 'size']) // 40
 */
export function readPath(lead: unknown, path: readonly string[]): unknown {
  let v = lead;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Reads the lead's id from a raw lead, as the lead gave it (not normalised: ids keep their case): the
 * catalogue field marked `leadId`, and where that is blank or absent, the lead's own `id`. Text is
 * trimmed, a finite number becomes text, anything else is no id (null).
 * @example leadIdReader(artifact.fields)({ prospectId: ' 7927b2df ' }) // '7927b2df' when prospectId is marked
 */
export function leadIdReader(fields: readonly ArtifactField[]): (lead: unknown) => string | null {
  const marked = fields.find((f) => f.leadId)?.path.split('.');
  const own = ['id'];
  return (lead) => (marked ? idText(readPath(lead, marked)) : null) ?? idText(readPath(lead, own));
}
