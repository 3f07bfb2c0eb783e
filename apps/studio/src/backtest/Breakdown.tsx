import type { VersionMetrics } from '@qualify/rules';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownRow } from './breakdown.ts';
import { VERSION_COLORS } from './colors.ts';
import { fmtCount, fmtRate, versionTitle } from './format.ts';

/** A side-by-side table: leads, converted and conversion rate of each row for each version. */
export function BreakdownTable(props: {
  caption: string;
  rowHeader: string;
  rows: BreakdownRow[];
  versions: VersionMetrics[];
}) {
  const { caption, rowHeader, rows, versions } = props;
  return (
    <table className="qs-table qs-bt-table">
      <caption className="qs-sr">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            {rowHeader}
          </th>
          {versions.map((v) => (
            <th key={v.name} scope="colgroup" colSpan={3} className="qs-bt-group">
              {versionTitle(v.name)}
            </th>
          ))}
        </tr>
        <tr>
          {versions.map((v) => [
            <th key={`${v.name}-l`} scope="col" className="qs-num">
              Leads
            </th>,
            <th key={`${v.name}-c`} scope="col" className="qs-num">
              Converted
            </th>,
            <th key={`${v.name}-r`} scope="col" className="qs-num">
              Conversion
            </th>,
          ])}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {r.tallies.map((t, i) => [
              <td key={`${versions[i]?.name}-l`} className="qs-num">
                {t ? fmtCount(t.leads) : '—'}
              </td>,
              <td key={`${versions[i]?.name}-c`} className="qs-num">
                {t ? fmtCount(t.converted) : '—'}
              </td>,
              <td key={`${versions[i]?.name}-r`} className="qs-num">
                {t ? fmtRate(t.rate) : '—'}
              </td>,
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Leads per row (route or stage) as grouped bars, one colour per version, with the table under it. */
export function BreakdownSection(props: {
  id: string;
  title: string;
  rowHeader: string;
  rows: BreakdownRow[];
  versions: VersionMetrics[];
}) {
  const { id, title, rowHeader, rows, versions } = props;
  const data = rows.map((r) => ({
    name: r.label,
    ...Object.fromEntries(versions.map((v, i) => [versionTitle(v.name), r.tallies[i]?.leads ?? 0])),
  }));
  return (
    <section className="qs-bt-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="qs-bt-chart" data-testid={`${id}-chart`}>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend itemSorter={null} />
            {versions.map((v, i) => (
              <Bar
                key={v.name}
                dataKey={versionTitle(v.name)}
                fill={VERSION_COLORS[i % VERSION_COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <BreakdownTable caption={title} rowHeader={rowHeader} rows={rows} versions={versions} />
    </section>
  );
}
