import type { RouteKind } from '@qualify/rules';
import type { Draft } from '../schemas.ts';
import type { DecisionLogEntry, WorkflowRow } from '../store.ts';
import type { Volume } from '../views.ts';

const WEEK_MS = 7 * 86_400_000;

export interface RouteInfo {
  nodeId: string;
  label: string;
  kind: RouteKind;
  target: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The route nodes of a stored document, read defensively: a draft's content is not validated. */
export function routesOf(doc: Draft): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const n of doc.nodes) {
    const node = n as { id?: unknown; kind?: unknown; label?: unknown; data?: Record<string, unknown> };
    if (node?.kind !== 'route' || typeof node.id !== 'string') continue;
    const d = node.data ?? {};
    const kind = d.to;
    if (kind !== 'sales' && kind !== 'nurture' && kind !== 'disqualify') continue;
    const target = text(kind === 'sales' ? d.queue : kind === 'nurture' ? d.track : d.reason);
    out.push({ nodeId: node.id, label: text(node.label) || target, kind, target });
  }
  return out;
}

/** The document whose routes the answer lists: the live version, else the newest, else the draft. */
function referenceDoc(row: WorkflowRow): Draft {
  const live = row.liveVersion !== null ? row.versions[row.liveVersion - 1] : undefined;
  return (live ?? row.versions.at(-1))?.workflow ?? row.draft;
}

/**
 * Counts a workflow's logged decisions per route and per week, over `weeks` rolling 7-day weeks that
 * end now (whole weeks, so the newest is not a partial one). Feed it with `add`, newest or oldest
 * first, then read `result()`.
 */
export class VolumeCounter {
  readonly since: string;
  private readonly fromMs: number;
  private readonly routes = new Map<string, RouteInfo & { current: boolean; perWeek: number[] }>();
  /** Per version, routes by `kind target`: for entries logged before route node ids were. */
  private readonly byTarget = new Map<number, Map<string, string>>();
  private decisions = 0;
  private noRoute = 0;

  constructor(
    private readonly row: WorkflowRow,
    private readonly weeks: number,
    private readonly nowMs: number,
  ) {
    this.fromMs = nowMs - weeks * WEEK_MS;
    this.since = new Date(this.fromMs).toISOString();
    for (const r of routesOf(referenceDoc(row))) this.track(r, true);
  }

  private track(r: RouteInfo, current: boolean) {
    const known = this.routes.get(r.nodeId);
    if (known) return known;
    const entry = { ...r, current, perWeek: new Array<number>(this.weeks).fill(0) };
    this.routes.set(r.nodeId, entry);
    return entry;
  }

  /** The node id an entry reached: logged, else the route of its version with that kind and target. */
  private nodeOf(e: DecisionLogEntry): string | null {
    if (typeof e.routeNodeId === 'string') return e.routeNodeId;
    let map = this.byTarget.get(e.version);
    if (!map) {
      map = new Map();
      const doc = this.row.versions[e.version - 1]?.workflow;
      // The first route with a kind and target wins: such entries cannot tell two of them apart.
      for (const r of doc ? routesOf(doc) : [])
        if (!map.has(`${r.kind} ${r.target}`)) map.set(`${r.kind} ${r.target}`, r.nodeId);
      this.byTarget.set(e.version, map);
    }
    return map.get(`${e.route} ${e.target}`) ?? null;
  }

  /** The route as the newest version that has it names it, else as the log does. */
  private describe(nodeId: string, e: DecisionLogEntry): RouteInfo {
    for (let i = this.row.versions.length - 1; i >= 0; i--) {
      const found = routesOf(this.row.versions[i]!.workflow).find((r) => r.nodeId === nodeId);
      if (found) return found;
    }
    const target = e.target ?? '';
    return { nodeId, label: target || nodeId, kind: e.route ?? 'sales', target };
  }

  add(e: DecisionLogEntry): void {
    const ms = Date.parse(e.at);
    if (!(ms >= this.fromMs)) return;
    // An entry stamped after now (a clock stepped back) counts in the newest week.
    const week = Math.min(this.weeks - 1, Math.floor((ms - this.fromMs) / WEEK_MS));
    this.decisions++;
    if (e.route === null) {
      this.noRoute++;
      return;
    }
    // A route its version no longer names (an edited store): counted under its kind and target.
    const nodeId = this.nodeOf(e) ?? `${e.route}:${e.target ?? ''}`;
    const route = this.routes.get(nodeId) ?? this.track(this.describe(nodeId, e), false);
    route.perWeek[week]!++;
  }

  result(): Volume {
    const weekStarts = Array.from({ length: this.weeks }, (_, i) =>
      new Date(this.fromMs + i * WEEK_MS).toISOString(),
    );
    return {
      workflowId: this.row.id,
      weeks: this.weeks,
      from: this.since,
      to: new Date(this.nowMs).toISOString(),
      weekStarts,
      decisions: this.decisions,
      noRoute: this.noRoute,
      routes: [...this.routes.values()].map(({ perWeek, ...r }) => {
        const total = perWeek.reduce((a, b) => a + b, 0);
        return { ...r, perWeek, total, weeklyAverage: Math.round((total / this.weeks) * 10) / 10 };
      }),
      message:
        this.decisions === 0
          ? `The decision log has no decisions for this workflow in the last ${this.weeks === 1 ? 'week' : `${this.weeks} weeks`}.`
          : null,
    };
  }
}
