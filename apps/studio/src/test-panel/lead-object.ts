import type { Field, FieldCatalogue } from '@qualify/rules';

/** Reads a dotted path from a lead: get({ company: { size: 5 } }, 'company.size') === 5. */
export function getPath(lead: unknown, path: string): unknown {
  let v: unknown = lead;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let obj = target;
  keys.slice(0, -1).forEach((k) => {
    const next = obj[k];
    if (next === null || typeof next !== 'object') obj[k] = {};
    obj = obj[k] as Record<string, unknown>;
  });
  obj[keys.at(-1)!] = value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as the value of a datetime-local input (local time). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO time, or undefined when empty or unreadable. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function parseValue(field: Field, raw: string): unknown {
  switch (field.type) {
    case 'number':
      return Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true';
    case 'date':
      return fromLocalInput(raw) ?? raw;
    case 'stringList':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

/** The lead object the form describes; empty inputs stay missing (unknown), never empty strings. */
export function buildLead(
  fields: FieldCatalogue,
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.path];
    if (raw === undefined || raw.trim() === '') continue;
    setPath(lead, f.path, parseValue(f, raw.trim()));
  }
  return lead;
}

/** Form values for a lead object (the reverse of buildLead, for the catalogue's fields). */
export function formValues(fields: FieldCatalogue, lead: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    const v = getPath(lead, f.path);
    if (v === undefined || v === null) continue;
    if (f.type === 'date' && typeof v === 'string') values[f.path] = toLocalInput(v) || v;
    else if (Array.isArray(v)) values[f.path] = v.join(', ');
    else values[f.path] = String(v);
  }
  return values;
}
