/** The first `base-N` not in `taken`, e.g. uniqueId(new Set(['score-1']), 'score') === 'score-2'. */
export function uniqueId(taken: ReadonlySet<string>, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
  for (let n = 1; ; n++) {
    const id = `${clean}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A lowercase slug for ids made from labels: "Pricing views" → "pricing-views". */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The first `stemN` from `from` on not in `taken`: freePath(new Set(['field3']), 'field', 3) === 'field4'. */
export function freePath(taken: ReadonlySet<string>, stem: string, from: number): string {
  let n = from;
  while (taken.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}
