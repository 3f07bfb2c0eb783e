/**
 * The one reading of a date the product accepts, everywhere a date is read (lead fields, condition
 * operands, evaluation times): ISO 8601 as a calendar date (`2026-01-31`, midnight UTC) or a date-time
 * with `T` or a space, minutes, optional seconds and fraction, and an offset (`Z`, `+02:00`, `+0200`).
 * A date-time without an offset is read as UTC, as exports from CRMs and spreadsheets write them.
 * Anything else, such as `"1"` or `"Jan 5"` (which `Date.parse` reads as dates), is not a date.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Epoch milliseconds of an ISO 8601 date or date-time, or NaN when the text is not one.
 * @example parseIsoDate('2026-01-31') // 1769817600000; parseIsoDate('12') // NaN
 */
export function parseIsoDate(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > (month === 2 && leap(year) ? 29 : DAYS[month - 1]!)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offset = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return Number.NaN;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const utc = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offset;
}

/** A date given as epoch milliseconds (a finite number) or ISO 8601 text, as epoch ms; NaN otherwise. */
export function dateValue(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (v instanceof Date) return v.getTime();
  return typeof v === 'string' ? parseIsoDate(v.trim()) : Number.NaN;
}
