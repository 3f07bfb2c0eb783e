import { type FieldCatalogue, readPath, readTimeCell, suggestMapping } from '@qualify/rules';

/** A lead's time, or why it has none, with the value that was read. */
export type LeadTime = { ms: number } | { reason: 'missing' | 'unreadable'; value: unknown };

/**
 * Reads each batch lead's evaluation time from the `evaluatedAtColumn` of the request: a top-level
 * key of that name, else that dotted path into the lead (JSON leads), else the field a CSV header of
 * that name feeds (the batch's CSV reader puts a header matching a catalogue field at the field's path).
 * @example leadTime('created_at', fields)({ created_at: '2026-03-02' }) // { ms: 1772409600000 }
 */
export function leadTime(
  column: string,
  fields: FieldCatalogue,
): (lead: Record<string, unknown>) => LeadTime {
  const mapped = suggestMapping([column], fields)[column]?.split('.') ?? null;
  const dotted = column.split('.');
  return (lead) => {
    let value: unknown;
    if (Object.hasOwn(lead, column)) value = lead[column];
    else value = readPath(lead, dotted) ?? (mapped === null ? undefined : readPath(lead, mapped));
    const time = readTimeCell(value);
    return typeof time === 'number' ? { ms: time } : { reason: time, value };
  };
}

/**
 * The `evaluatedAtIssue` member of a batch answer line: which time a lead without a readable one was
 * evaluated at instead, so it is never silently the request time.
 */
export function evaluatedAtIssue(
  column: string,
  time: Extract<LeadTime, { reason: string }>,
  atMs: number,
  from: 'now parameter' | 'request time',
): string {
  const iso = new Date(atMs).toISOString();
  const shown = JSON.stringify(time.value)?.slice(0, 100) ?? '';
  const why =
    time.reason === 'missing'
      ? `${column} is empty`
      : `${column} reads ${shown}, not an ISO 8601 date or date-time or epoch milliseconds`;
  return `"evaluatedAtIssue":${JSON.stringify({
    column,
    reason: time.reason,
    evaluatedAt: iso,
    detail: `${why}: evaluated at ${iso} (the ${from}) instead.`,
  })}`;
}
