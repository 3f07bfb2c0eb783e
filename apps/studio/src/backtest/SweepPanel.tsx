import type { SweepPoint } from '@qualify/rules';
import { useMemo } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BacktestSweep } from '../api/backtest.ts';
import { useStudio } from '../store/studio-store.ts';
import { applyThreshold } from './actions.ts';
import { CURRENT_COLOR, RATE_COLOR, VERSION_COLORS } from './colors.ts';
import { fmtCount, fmtRate, versionTitle } from './format.ts';
import { findTier } from './tiers.ts';

function AppliedNote() {
  const applied = useStudio((s) => s.backtest.applied);
  const canUndo = useStudio((s) => s.backtest.applied !== null && s.doc === s.backtest.applied.doc);
  const undo = useStudio((s) => s.undo);
  if (!applied) return null;
  return (
    <p className="qs-callout qs-row" role="status" data-testid="backtest-applied">
      <span>
        {applied.label} now starts at <strong>{applied.to}</strong> points in the draft (was {applied.from});
        the draft saves itself. Run the backtest again to see the new figures.
      </span>
      {canUndo && (
        <button type="button" className="qs-btn" onClick={undo}>
          Undo
        </button>
      )}
    </p>
  );
}

/** Sales volume (bars) and sales conversion (line) per threshold; a point can be taken into the draft. */
export function SweepPanel({ sweep, versionName }: { sweep: BacktestSweep; versionName: string }) {
  const doc = useStudio((s) => s.doc);
  const tier = useMemo(() => (doc ? findTier(doc, sweep.nodeId, sweep.tierId) : null), [doc, sweep]);
  const inDraft = tier?.min;
  const name = tier
    ? `${tier.nodeLabel}${tier.nodeLabel === tier.tierLabel ? '' : ` (${tier.tierLabel})`}`
    : sweep.tierId;
  const usable = (p: SweepPoint) => p.invalid === null && tier !== null;
  const at = (threshold: unknown) => sweep.points.find((p) => String(p.threshold) === String(threshold));
  const take = (p: SweepPoint | undefined) => {
    if (p && usable(p) && p.threshold !== inDraft) applyThreshold(sweep.nodeId, sweep.tierId, p.threshold);
  };
  const data = sweep.points.map((p) => ({
    threshold: p.threshold,
    'Leads to sales': p.invalid ? 0 : p.salesLeads,
    // No sales lead, no conversion to speak of: a gap in the line, not a drop to 0%.
    'Sales conversion': p.invalid || !p.salesLeads ? null : p.salesRate,
  }));

  return (
    <section className="qs-bt-section" aria-labelledby="bt-sweep">
      <h2 id="bt-sweep">Threshold sweep: {name}</h2>
      <p className="qs-hint">
        On {versionTitle(versionName).toLowerCase()}: how many leads would go to sales (bars) and how many of
        those converted (line) for each threshold. It was {sweep.current} when the backtest ran
        {inDraft !== undefined && inDraft !== sweep.current ? `; the draft now has ${inDraft}` : ''}. Click a
        bar, or use a button below, to set the threshold in the draft.
      </p>
      <div className="qs-bt-chart is-clickable" data-testid="backtest-sweep-chart">
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart
            data={data}
            margin={{ top: 16, right: 8, bottom: 8, left: 0 }}
            onClick={(state) =>
              take(sweep.points.find((p) => String(p.threshold) === String(state.activeLabel)))
            }
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="threshold"
              tick={{ fontSize: 12 }}
              label={{ value: 'points', position: 'insideBottomRight', offset: -4, fontSize: 12 }}
            />
            <YAxis yAxisId="leads" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis
              yAxisId="rate"
              orientation="right"
              domain={[0, 1]}
              tickFormatter={(r: number) => fmtRate(r)}
              tick={{ fontSize: 12 }}
            />
            <Tooltip
              formatter={(value, key) => (key === 'Sales conversion' ? fmtRate(Number(value)) : value)}
            />
            <Legend itemSorter={null} />
            <ReferenceLine
              yAxisId="leads"
              x={sweep.current}
              stroke={CURRENT_COLOR}
              strokeDasharray="4 2"
              label={{ value: 'now', position: 'top', fontSize: 12 }}
            />
            <Bar
              yAxisId="leads"
              dataKey="Leads to sales"
              fill={VERSION_COLORS[1]}
              cursor="pointer"
              onClick={(bar) => take(at((bar.payload as { threshold?: number } | undefined)?.threshold))}
              isAnimationActive={false}
            />
            <Line
              yAxisId="rate"
              dataKey="Sales conversion"
              stroke={RATE_COLOR}
              strokeWidth={2}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <AppliedNote />
      <table className="qs-table qs-bt-table" data-testid="backtest-sweep-table">
        <caption className="qs-sr">Sweep of {name}</caption>
        <thead>
          <tr>
            <th scope="col" className="qs-num">
              Threshold
            </th>
            <th scope="col" className="qs-num">
              Leads to sales
            </th>
            <th scope="col" className="qs-num">
              Converted
            </th>
            <th scope="col" className="qs-num">
              Sales conversion
            </th>
            <th scope="col" className="qs-num">
              Recall
            </th>
            <th scope="col">
              <span className="qs-sr">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sweep.points.map((p) => (
            <tr key={p.threshold} className={p.threshold === sweep.current ? 'is-current' : undefined}>
              <th scope="row" className="qs-num">
                {p.threshold}
              </th>
              {p.invalid ? (
                <td colSpan={4} className="qs-hint">
                  Not possible: {p.invalid}
                </td>
              ) : (
                <>
                  <td className="qs-num">{fmtCount(p.salesLeads)}</td>
                  <td className="qs-num">{fmtCount(p.salesConverted)}</td>
                  <td className="qs-num">{fmtRate(p.salesLeads ? p.salesRate : null)}</td>
                  <td className="qs-num">{fmtRate(p.recall)}</td>
                </>
              )}
              <td className="qs-actions">
                {p.threshold === inDraft ? (
                  <span className="qs-chip">In the draft</span>
                ) : (
                  <button
                    type="button"
                    className="qs-link-btn"
                    disabled={!usable(p)}
                    aria-label={`Set ${name} to ${p.threshold} in the draft`}
                    onClick={() => take(p)}
                  >
                    Use {p.threshold}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
