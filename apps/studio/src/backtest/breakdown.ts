import { STAGES, type Tally, type VersionMetrics } from '@qualify/rules';
import { routeName } from './format.ts';

/** One row of a side-by-side table: a route, stage or score band and each version's tally (null: none there). */
export interface BreakdownRow {
  key: string;
  label: string;
  tallies: (Tally | null)[];
}

const tallyOf = (leads: number, converted: number): Tally => ({
  leads,
  converted,
  rate: leads ? converted / leads : 0,
});

/** Routes of all versions, matched by node id, busiest first. */
export function routeRows(versions: readonly VersionMetrics[]): BreakdownRow[] {
  const labels = new Map<string, string>();
  for (const v of versions)
    for (const r of v.routes) if (!labels.has(r.nodeId)) labels.set(r.nodeId, routeName(r));
  const rows = [...labels].map(([key, label]) => ({
    key,
    label,
    tallies: versions.map((v) => v.routes.find((r) => r.nodeId === key) ?? null),
  }));
  const most = (row: BreakdownRow) => Math.max(...row.tallies.map((t) => t?.leads ?? 0));
  return rows.sort((a, b) => most(b) - most(a));
}

/** Stages of all versions in funnel order (unknown names last). */
export function stageRows(versions: readonly VersionMetrics[]): BreakdownRow[] {
  const names = new Set(versions.flatMap((v) => Object.keys(v.stages)));
  const order = (s: string) => {
    const i = (STAGES as readonly string[]).indexOf(s);
    return i < 0 ? STAGES.length : i;
  };
  return [...names]
    .sort((a, b) => order(a) - order(b))
    .map((s) => ({ key: s, label: s, tallies: versions.map((v) => v.stages[s] ?? null) }));
}

const signed = (n: number) => (n < 0 ? `−${-n}` : String(n));

/** "40–50"; a band below zero reads "−20 to −10". */
export const bandLabel = (from: number, to: number): string =>
  from < 0 ? `${signed(from)} to ${signed(to)}` : `${from}–${to}`;

/** Score bands of all versions, lowest first. */
export function bandRows(versions: readonly VersionMetrics[]): BreakdownRow[] {
  const bands = new Map<number, number>();
  for (const v of versions) for (const b of v.scoreBands) bands.set(b.from, b.to);
  return [...bands]
    .sort(([a], [b]) => a - b)
    .map(([from, to]) => ({
      key: String(from),
      label: bandLabel(from, to),
      tallies: versions.map((v) => {
        const b = v.scoreBands.find((x) => x.from === from);
        return b ? tallyOf(b.converted + b.notConverted, b.converted) : null;
      }),
    }));
}
