import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type ownerBars, STATUS_COLOR, STATUS_LABEL } from './clock.ts';

/** Leads waiting per owner as stacked bars, breached first. */
export function OwnerChart({ bars }: { bars: ReturnType<typeof ownerBars> }) {
  if (bars.length === 0) return null;
  return (
    <figure className="qs-clock-figure" data-testid="owner-chart">
      <figcaption>Leads waiting, by owner</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(160, 48 + bars.length * 28)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="owner" width={160} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          {(['breached', 'due_soon', 'open'] as const).map((s) => (
            <Bar
              key={s}
              dataKey={STATUS_LABEL[s]}
              stackId="status"
              fill={STATUS_COLOR[s]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
