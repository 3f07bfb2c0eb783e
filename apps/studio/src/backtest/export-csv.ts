import type { BacktestReport } from '../api/backtest.ts';
import { routeName } from './format.ts';

const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * The results as CSV, one row per version and route, stage or score band, with leads, converted
 * and the conversion rate (0 to 1, four decimals).
 * @example reportToCsv(report) // 'version,group,name,leads,converted,rate\r\nlive v1,route,Inbound SDR (sales),…'
 */
export function reportToCsv(report: Pick<BacktestReport, 'versions'>): string {
  const rows: (string | number)[][] = [['version', 'group', 'name', 'leads', 'converted', 'rate']];
  const rate = (r: number) => Number(r.toFixed(4));
  for (const v of report.versions) {
    rows.push([v.name, 'all', 'all leads', v.leads, v.converted, rate(v.baselineRate)]);
    for (const r of v.routes) rows.push([v.name, 'route', routeName(r), r.leads, r.converted, rate(r.rate)]);
    for (const [stage, t] of Object.entries(v.stages)) {
      rows.push([v.name, 'stage', stage, t.leads, t.converted, rate(t.rate)]);
    }
    for (const b of v.scoreBands) {
      const leads = b.converted + b.notConverted;
      rows.push([v.name, 'score band', `${b.from} to under ${b.to}`, leads, b.converted, rate(b.rate)]);
    }
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
