import type { RouteTally } from '@qualify/rules';
import type { Volume } from '../api/types.ts';

/** What the SLA view shows for one route's expected volume. */
export type RouteVolumeView =
  | { source: 'log'; weeks: { label: string; count: number }[]; average: number; total: number }
  | { source: 'backtest'; leads: number; count: number; share: number }
  | { source: 'none'; text: string };

const dayMonth = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * One route's expected weekly volume: from the decision log when it has any decisions for the workflow;
 * else the share the session's last backtest sent there (a file covers no known number of weeks, so
 * no weekly figure is made up); else why there is nothing.
 */
export function routeVolume(
  nodeId: string,
  volume: Volume | null,
  backtest: { leads: number; routes: readonly RouteTally[] } | null,
): RouteVolumeView {
  if (volume && volume.decisions > 0) {
    const r = volume.routes.find((x) => x.nodeId === nodeId);
    const perWeek = r?.perWeek ?? volume.weekStarts.map(() => 0);
    return {
      source: 'log',
      weeks: volume.weekStarts.map((w, i) => ({ label: dayMonth(w), count: perWeek[i] ?? 0 })),
      average: r?.weeklyAverage ?? 0,
      total: r?.total ?? 0,
    };
  }
  if (backtest && backtest.leads > 0) {
    const count = backtest.routes.filter((r) => r.nodeId === nodeId).reduce((a, r) => a + r.leads, 0);
    return { source: 'backtest', leads: backtest.leads, count, share: count / backtest.leads };
  }
  return {
    source: 'none',
    text: volume?.message
      ? `${volume.message} Run a backtest to see how many historical leads would come here.`
      : 'No volume yet: nothing in the decision log and no backtest in this session.',
  };
}
