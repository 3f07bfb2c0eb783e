/**
 * A text made from a number (a step's points, a total score), kept once made. A workflow's sums take
 * few values, so receipts share the strings instead of building one each, and the runtime's writer
 * finds them among the strings it has quoted before. At most `limit` are kept; past that, a text is
 * built each time, so a sum with many values costs what it did.
 */
export function byNumber(text: (n: number) => string, limit = 1024): (n: number) => string {
  const made = new Map<number, string>();
  return (n) => {
    let s = made.get(n);
    if (s === undefined) {
      s = text(n);
      if (made.size < limit) made.set(n, s);
    }
    return s;
  };
}
