import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { fmtCount, fmtRate } from '../backtest/format.ts';
import type { RouteVolumeView } from './volume-view.ts';

/** One route's expected weekly volume: a small bar chart of the last weeks, or where the figure comes from. */
export function VolumeChart({ v, label }: { v: RouteVolumeView; label: string }) {
  if (v.source === 'none') return <p className="qs-hint">{v.text}</p>;
  if (v.source === 'backtest') {
    return (
      <p data-testid="volume-backtest">
        In this session's last backtest, <strong>{fmtCount(v.count)}</strong> of {fmtCount(v.leads)} leads (
        {fmtRate(v.share)}) came here.{' '}
        <span className="qs-hint">The decision log has no decisions for this workflow yet.</span>
      </p>
    );
  }
  return (
    <div className="qs-volume" data-testid="volume">
      <p>
        About <strong>{v.average}</strong> leads a week (last {v.weeks.length} weeks: {v.total}).
      </p>
      <BarChart
        width={320}
        height={110}
        data={v.weeks}
        margin={{ top: 4, right: 8, bottom: 0, left: -24 }}
        accessibilityLayer
        aria-label={`Leads a week to ${label}`}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(n) => [n, 'leads']} labelFormatter={(l) => `Week from ${l}`} />
        <Bar dataKey="count" fill="#475569" isAnimationActive={false} />
      </BarChart>
    </div>
  );
}
