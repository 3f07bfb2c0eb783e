import type { RouteKind } from '../evaluate/decision.ts';

const ROUTE_NAMES: Record<RouteKind, string> = {
  sales: 'Sales',
  nurture: 'Nurture',
  disqualify: 'Disqualify',
};

/** A route kind as a person reads it: "Sales", or "No route" for a lead that reached none. */
export const routeName = (kind: RouteKind | null): string => (kind ? ROUTE_NAMES[kind] : 'No route');

/** A route with its target, the way moves and failures name it: "Sales (Inbound SDR)", "No route". */
export const routeLabel = (kind: RouteKind | null, target: string | null): string =>
  kind && target ? `${routeName(kind)} (${target})` : routeName(kind);

/** A score as a person reads it: whole numbers as they are, fractions to at most four places. */
export const scoreText = (n: number): string =>
  Number.isInteger(n) ? String(n) : n.toFixed(4).replace(/\.?0+$/, '');

/**
 * A test case id from its name: lower case, words joined by "-", unique among `taken`.
 * @example testCaseId('Hot inbound VP', ['hot-inbound-vp']) // 'hot-inbound-vp-2'
 */
export function testCaseId(name: string, taken: Iterable<string> = []): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 90)
      .replace(/-+$/, '') || 'case';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
