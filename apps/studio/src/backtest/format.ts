import type { RouteTally } from '@qualify/rules';

const count = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** 2000 → "2,000". */
export const fmtCount = (n: number): string => count.format(n);

/** 0.1975 → "19.8%"; null → "—". */
export const fmtRate = (r: number | null): string => (r == null ? '—' : `${oneDecimal.format(r * 100)}%`);

/** 2.314 → "×2.3"; null → "—". */
export const fmtLift = (l: number | null): string => (l == null ? '—' : `×${oneDecimal.format(l)}`);

const KIND_NAME: Record<string, string> = {
  sales: 'sales',
  nurture: 'nurture',
  disqualify: 'disqualified',
  none: 'no route',
};

/** "Inbound SDR (sales)"; a lead that reached no route reads "No route". */
export function routeName(r: Pick<RouteTally, 'nodeId' | 'kind' | 'target'>): string {
  if (r.kind === 'none') return 'No route';
  return `${r.target || r.nodeId} (${KIND_NAME[r.kind] ?? r.kind})`;
}

/** "live v1" → "Live v1", "draft" → "Draft", "v2" → "Version 2". */
export const versionTitle = (name: string): string =>
  /^v\d+$/.test(name) ? `Version ${name.slice(1)}` : name.charAt(0).toUpperCase() + name.slice(1);
