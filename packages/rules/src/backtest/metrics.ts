import type { Outcome } from '../evaluate/prepare.ts';

/** Leads and conversions in one bucket (a route, a stage, a score band). */
export interface Tally {
  leads: number;
  converted: number;
  /** converted / leads, 0 when empty. */
  rate: number;
}

export interface RouteTally extends Tally {
  nodeId: string;
  kind: string;
  target: string;
}

export interface ScoreBand {
  from: number;
  to: number;
  converted: number;
  notConverted: number;
  rate: number;
}

/** What one version of a workflow did with the historical leads. */
export interface VersionMetrics {
  name: string;
  leads: number;
  converted: number;
  baselineRate: number;
  routes: RouteTally[];
  routeKinds: Record<'sales' | 'nurture' | 'disqualify', Tally>;
  stages: Record<string, Tally>;
  scoreBands: ScoreBand[];
  /** Conversion rate of leads sent to sales divided by the baseline rate. */
  salesLift: number | null;
  /** Share of converted leads that went to sales. */
  recall: number | null;
  /** Share of sales leads that converted. */
  precision: number | null;
}

const rate = (t: { leads: number; converted: number }) => (t.leads ? t.converted / t.leads : 0);

/** Adds outcomes one at a time (the upload is streamed) and sums them up at the end. */
export class MetricsAccumulator {
  private leads = 0;
  private converted = 0;
  private readonly routes = new Map<string, RouteTally>();
  private readonly stages = new Map<string, Tally>();
  private readonly bands = new Map<number, { converted: number; notConverted: number }>();

  constructor(
    readonly name: string,
    private readonly bandSize: number,
  ) {}

  add(outcome: Outcome, converted: boolean): void {
    this.leads++;
    if (converted) this.converted++;
    const r = outcome.route;
    const key = r?.nodeId ?? '(none)';
    let route = this.routes.get(key);
    if (!route) {
      route = {
        nodeId: key,
        kind: r?.kind ?? 'none',
        target: r?.target ?? '',
        leads: 0,
        converted: 0,
        rate: 0,
      };
      this.routes.set(key, route);
    }
    route.leads++;
    if (converted) route.converted++;
    const stage = this.stages.get(outcome.stage) ?? { leads: 0, converted: 0, rate: 0 };
    stage.leads++;
    if (converted) stage.converted++;
    this.stages.set(outcome.stage, stage);
    const band = Math.floor(outcome.score.total / this.bandSize) * this.bandSize;
    const b = this.bands.get(band) ?? { converted: 0, notConverted: 0 };
    if (converted) b.converted++;
    else b.notConverted++;
    this.bands.set(band, b);
  }

  result(): VersionMetrics {
    const routes = [...this.routes.values()]
      .map((t) => ({ ...t, rate: rate(t) }))
      .sort((a, b) => b.leads - a.leads);
    const kinds = {
      sales: { leads: 0, converted: 0, rate: 0 },
      nurture: { leads: 0, converted: 0, rate: 0 },
      disqualify: { leads: 0, converted: 0, rate: 0 },
    };
    for (const r of routes) {
      const k = kinds[r.kind as keyof typeof kinds];
      if (!k) continue;
      k.leads += r.leads;
      k.converted += r.converted;
    }
    for (const k of Object.values(kinds)) k.rate = rate(k);
    const baselineRate = rate({ leads: this.leads, converted: this.converted });
    const stages = Object.fromEntries([...this.stages].map(([s, t]) => [s, { ...t, rate: rate(t) }]));
    const scoreBands = [...this.bands]
      .sort(([a], [b]) => a - b)
      .map(([from, b]) => ({
        from,
        to: from + this.bandSize,
        ...b,
        rate: rate({ leads: b.converted + b.notConverted, converted: b.converted }),
      }));
    const sales = kinds.sales;
    return {
      name: this.name,
      leads: this.leads,
      converted: this.converted,
      baselineRate,
      routes,
      routeKinds: kinds,
      stages,
      scoreBands,
      salesLift: sales.leads && baselineRate ? sales.rate / baselineRate : null,
      recall: this.converted ? sales.converted / this.converted : null,
      precision: sales.leads ? sales.converted / sales.leads : null,
    };
  }
}
