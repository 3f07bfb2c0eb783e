/** Small helpers the kinds' diff sentence writers share: no kind, no workflow, only words and values. */

/** A value quoted for a sentence: `"Inbound SDR"`. */
export const q = (s: string): string => `"${s}"`;

/** Items as a list in words: orList(['A1', 'A2', 'B1']) // 'A1, A2 or B1'; one alone; none: ''. */
export const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** A sentence without its closing full stop, so it can sit inside another. */
export const bare = (s: string): string => s.replace(/\.+$/, '');

/** JSON with sorted keys: two values are the same when their texts are. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** Deep equality of JSON-like values; keys in any order, undefined properties ignored. */
export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/**
 * Pairs the items of two lists by id: those only before, only after, and in both (in the after order).
 * @example byId([{ id: 'a' }], [{ id: 'b' }]) // { removed: [a], added: [b], kept: [] }
 */
export function byId<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): { removed: T[]; added: T[]; kept: [T, T][] } {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return {
    removed: before.filter((x) => !now.has(x.id)),
    added: after.filter((x) => !old.has(x.id)),
    kept: after.filter((x) => old.has(x.id)).map((x) => [old.get(x.id)!, x]),
  };
}

/** "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Hours as the SLA view writes them on a canvas: "4 h". */
export const h = (n: number): string => `${n} h`;

/** Points: "1 point", "15 points". */
export const pts = (n: number): string => (n === 1 || n === -1 ? `${n} point` : `${n} points`);
