import { defaultColumn } from '@qualify/rules';

/** A leads table's row: one text cell (or NULL) a column, as a CSV file or a text column holds it. */
export type Row = (string | null)[];

/** The text a database column holds for one value of a lead in JSON (arrays as `a;b`). */
function cellOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (v === null ? '' : String(v))).join(';');
  return JSON.stringify(value);
}

function read(lead: unknown, path: string): unknown {
  let v: unknown = lead;
  for (const seg of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** The columns of a leads table for a catalogue: the id, then each field's default column. */
export const columnsOf = (paths: readonly string[]) => ['id', ...paths.map(defaultColumn)];

/** A JSON lead as the table row that holds it (its id first). */
export const rowOf = (id: string, lead: unknown, paths: readonly string[]): Row => [
  id,
  ...paths.map((p) => cellOf(read(lead, p))),
];

/** The lead the runtime reads from a row, as it reads a CSV row: each cell at its field's path, NULL left out. */
export function leadOfRow(row: Row, paths: readonly string[]): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  paths.forEach((path, i) => {
    const cell = row[i + 1];
    if (cell === null || cell === undefined) return;
    const segs = path.split('.');
    let at = lead;
    for (const seg of segs.slice(0, -1)) {
      at[seg] ??= {};
      at = at[seg] as Record<string, unknown>;
    }
    at[segs.at(-1)!] = cell;
  });
  return lead;
}
