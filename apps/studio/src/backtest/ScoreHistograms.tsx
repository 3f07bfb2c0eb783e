import type { VersionMetrics } from '@qualify/rules';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BreakdownTable } from './Breakdown.tsx';
import { bandLabel, bandRows } from './breakdown.ts';
import { CONVERTED_COLOR, NOT_CONVERTED_COLOR } from './colors.ts';
import { versionTitle } from './format.ts';

/** How scores spread, split by outcome (stacked bars), one chart per version, and conversion per band. */
export function ScoreHistograms({ versions }: { versions: VersionMetrics[] }) {
  return (
    <section className="qs-bt-section" aria-labelledby="bt-scores">
      <h2 id="bt-scores">Scores and outcomes</h2>
      <p className="qs-hint">
        Leads per band of 10 points of their total score: a good score puts the converted leads (green) at the
        top end.
      </p>
      <div className="qs-bt-side">
        {versions.map((v) => (
          <figure key={v.name} className="qs-bt-figure" data-testid="backtest-histogram">
            <figcaption>{versionTitle(v.name)}</figcaption>
            <ResponsiveContainer width="100%" height={280}>
              <BarChart
                data={v.scoreBands.map((b) => ({
                  band: bandLabel(b.from, b.to),
                  Converted: b.converted,
                  'Not converted': b.notConverted,
                }))}
                margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                {/* Every band named (interval 0: recharts would otherwise skip labels that collide, such as
                    "−10 to 0"), turned so the longer ranges below zero fit beside each other. */}
                <XAxis
                  dataKey="band"
                  interval={0}
                  angle={-40}
                  textAnchor="end"
                  height={56}
                  tick={{ fontSize: 11 }}
                />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend itemSorter={null} />
                <Bar dataKey="Converted" stackId="outcome" fill={CONVERTED_COLOR} isAnimationActive={false} />
                <Bar
                  dataKey="Not converted"
                  stackId="outcome"
                  fill={NOT_CONVERTED_COLOR}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        ))}
      </div>
      <details className="qs-bt-details" open>
        <summary>Conversion per score band</summary>
        <BreakdownTable
          caption="Conversion per score band"
          rowHeader="Score band"
          rows={bandRows(versions)}
          versions={versions}
        />
      </details>
    </section>
  );
}
