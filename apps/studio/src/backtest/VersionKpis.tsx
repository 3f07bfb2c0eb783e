import type { VersionMetrics } from '@qualify/rules';
import { fmtCount, fmtLift, fmtRate, versionTitle } from './format.ts';

function Kpi(props: { label: string; value: string; testId: string; children: string }) {
  return (
    <div className="qs-kpi">
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
      <dd className="qs-kpi-why">{props.children}</dd>
    </div>
  );
}

/** One version's headline numbers, each with a line saying what it means. */
export function VersionKpis({ v, index }: { v: VersionMetrics; index: number }) {
  const sales = v.routeKinds.sales;
  return (
    <article
      className={`qs-bt-version is-v${index}`}
      aria-labelledby={`bt-kpi-${index}`}
      data-testid="backtest-version"
    >
      <h3 id={`bt-kpi-${index}`}>{versionTitle(v.name)}</h3>
      <dl className="qs-kpis">
        <Kpi label="Leads" value={fmtCount(v.leads)} testId="kpi-leads">
          historical leads run through this version
        </Kpi>
        <Kpi label="Baseline conversion" value={fmtRate(v.baselineRate)} testId="kpi-baseline">
          {`${fmtCount(v.converted)} of ${fmtCount(v.leads)} leads converted, whatever their route`}
        </Kpi>
        <Kpi label="Sent to sales" value={fmtCount(sales.leads)} testId="kpi-sales">
          {`${fmtRate(v.leads ? sales.leads / v.leads : null)} of all leads; ${fmtRate(sales.leads ? sales.rate : null)} of them converted`}
        </Kpi>
        <Kpi label="Sales lift" value={fmtLift(v.salesLift)} testId="kpi-lift">
          {v.salesLift == null
            ? 'no lead went to sales, or none converted'
            : `leads sent to sales converted ${fmtLift(v.salesLift).slice(1)} times as often as the average lead`}
        </Kpi>
        <Kpi label="Recall" value={fmtRate(v.recall)} testId="kpi-recall">
          converted leads that went to sales
        </Kpi>
        <Kpi label="Precision" value={fmtRate(v.precision)} testId="kpi-precision">
          sales leads that converted
        </Kpi>
      </dl>
    </article>
  );
}
