import type { Distribution } from './tally.ts';

/** One route as the chart and table show it: leads in the draft and, with a live version, in it. */
export interface RouteRow {
  nodeId: string;
  label: string;
  Draft: number;
  Live?: number;
}

/** Routes either version sends leads to, most draft leads first, "No route" last. */
export function routeRows(draft: Distribution | null, live: Distribution | null): RouteRow[] {
  const rows = new Map<string, RouteRow>();
  for (const r of draft?.routes ?? [])
    rows.set(r.nodeId, { nodeId: r.nodeId, label: r.label, Draft: r.leads });
  for (const r of live?.routes ?? []) {
    const row = rows.get(r.nodeId) ?? { nodeId: r.nodeId, label: r.label, Draft: 0 };
    row.Live = r.leads;
    rows.set(r.nodeId, row);
  }
  if (live) for (const row of rows.values()) row.Live ??= 0;
  return [...rows.values()].sort(
    (a, b) =>
      Number(a.nodeId === '') - Number(b.nodeId === '') ||
      b.Draft - a.Draft ||
      a.label.localeCompare(b.label),
  );
}
