import { type Move, routeLabel } from '@qualify/rules';
import type { ShadowEntry } from './types.ts';

export interface ScoreBin {
  /** Total scores at or above `from` and below `to`. */
  from: number;
  to: number;
  live: number;
  challenger: number;
}

export interface ShadowCounts {
  evaluations: number;
  /** Same route (kind and target) and same stage. */
  agreed: number;
  /** agreed / evaluations; null with no evaluation. */
  agreementRate: number | null;
  routeMoves: Move[];
  stageMoves: Move[];
  scores: { bins: ScoreBin[] };
}

const EXAMPLES = 3;
const MOST_BINS = 12;

class MoveCounter {
  private readonly moves = new Map<string, Move>();

  add(from: string, to: string, example: string) {
    const key = `${from}\u0000${to}`;
    let m = this.moves.get(key);
    if (!m) {
      m = { from, to, count: 0, examples: [] };
      this.moves.set(key, m);
    }
    m.count++;
    if (m.examples.length < EXAMPLES) m.examples.push(example);
  }

  /** Most first; ties in label order, so the answer is stable. */
  list(): Move[] {
    return [...this.moves.values()].sort(
      (a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    );
  }
}

/** 1, 2 or 5 times a power of ten, at least `raw` (and at least 1: scores are points). */
function niceWidth(raw: number): number {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/**
 * Folds shadow entries into a report's counts in one pass: scores are counted per whole point first
 * and put into at most a dozen equal bins at the end, once their range is known.
 */
export class ShadowTally {
  private evaluations = 0;
  private agreed = 0;
  private readonly routeMoves = new MoveCounter();
  private readonly stageMoves = new MoveCounter();
  /** floor(score) → [live, challenger]. */
  private readonly points = new Map<number, [number, number]>();

  add(e: ShadowEntry): void {
    this.evaluations++;
    const sameRoute = e.live.route === e.challenger.route && e.live.target === e.challenger.target;
    const sameStage = e.live.stage === e.challenger.stage;
    if (sameRoute && sameStage) this.agreed++;
    const example = e.leadId ?? e.decisionId;
    if (!sameRoute)
      this.routeMoves.add(
        routeLabel(e.live.route, e.live.target),
        routeLabel(e.challenger.route, e.challenger.target),
        example,
      );
    if (!sameStage) this.stageMoves.add(e.live.stage, e.challenger.stage, example);
    this.count(e.live.score, 0);
    this.count(e.challenger.score, 1);
  }

  private count(score: number, side: 0 | 1) {
    const k = Math.floor(score);
    let c = this.points.get(k);
    if (!c) {
      c = [0, 0];
      this.points.set(k, c);
    }
    c[side]++;
  }

  result(): ShadowCounts {
    return {
      evaluations: this.evaluations,
      agreed: this.agreed,
      agreementRate: this.evaluations ? this.agreed / this.evaluations : null,
      routeMoves: this.routeMoves.list(),
      stageMoves: this.stageMoves.list(),
      scores: { bins: this.bins() },
    };
  }

  private bins(): ScoreBin[] {
    if (this.points.size === 0) return [];
    const keys = [...this.points.keys()];
    const min = Math.min(...keys);
    const max = Math.max(...keys);
    const width = niceWidth((max + 1 - min) / MOST_BINS);
    const start = Math.floor(min / width) * width;
    const n = Math.floor((max - start) / width) + 1;
    const bins: ScoreBin[] = Array.from({ length: n }, (_, i) => ({
      from: start + i * width,
      to: start + (i + 1) * width,
      live: 0,
      challenger: 0,
    }));
    for (const [k, [live, challenger]] of this.points) {
      const bin = bins[Math.floor((k - start) / width)]!;
      bin.live += live;
      bin.challenger += challenger;
    }
    return bins;
  }
}
