import type { Contribution, LimitApplied } from '../evaluate/decision.ts';
import { addTo, type Explanation } from '../evaluate/run-state.ts';
import type { JsonLogic } from '../model/logic.ts';
import { clamp, type Limit, type ScoreLimits } from '../model/score-limits.ts';
import { byNumber } from './by-number.ts';
import type { ArtifactNode, FuseContext, PrepareContext, Step } from './kind.ts';
import { signed } from './score-words.ts';

interface CompiledRule {
  id: string;
  label: string;
  points: JsonLogic;
  /** The points the rule earns when met, and the fit or conversation fields it reads: for questions when one is missing. */
  worth: number;
  reads: { path: string; label: string }[];
  /** Each events condition of the rule in words, and its count (null without an events list): for the receipt. */
  counts?: { text: string; count: JsonLogic }[];
}

/** A score step in the artifact (docs/artifact.md). */
export interface CompiledScore extends ArtifactNode {
  scoreType: 'fit' | 'engagement';
  rules: CompiledRule[];
  cap: number | null;
  /** The least the table adds (only when set). */
  floor?: number;
  /** The workflow's floors and caps, applied after the table adds (only when the workflow sets any). */
  limits?: ScoreLimits;
}

const NAMES = { fit: 'Fit score', engagement: 'Engagement score', total: 'Total score' } as const;

/**
 * Statements that hold the local `v` within `limit`; `onChange(delta, limit, value)` runs first when
 * it moves (delta: the expression of the change).
 */
function clampSource(
  v: string,
  limit: Limit | undefined,
  onChange: (delta: string, kind: 'cap' | 'floor', value: number) => string,
): string {
  if (!limit) return '';
  let code = '';
  if (limit.cap !== null)
    code += `if(${v}>${limit.cap}){${onChange(`${limit.cap}-${v}`, 'cap', limit.cap)}${v}=${limit.cap};}`;
  if (limit.floor !== null)
    code += `else if(${v}<${limit.floor}){${onChange(`${limit.floor}-${v}`, 'floor', limit.floor)}${v}=${limit.floor};}`;
  return limit.cap === null ? code.replace(/^else /, '') : code;
}

type Held = Omit<LimitApplied, 'nodeId'>;

/**
 * What a score step adds to the receipt besides its contributions: a floor or cap that held (with its
 * contribution line and, for the workflow's, a reason), and the step's reason. Step and fused share it.
 */
function scoreExplainer(node: CompiledScore, nodeId: string) {
  const { scoreType } = node;
  const lead = `${node.label}: `;
  const tail = ` ${scoreType} points.`;
  return {
    held(x: Explanation, l: Held, contribution: boolean) {
      addTo(x, 'limits', { nodeId, ...l });
      const words =
        l.by === 'step'
          ? l.limit === 'cap'
            ? `Capped at ${l.value} points`
            : `Raised to the floor of ${l.value} points`
          : `${NAMES[l.score]} ${l.limit === 'cap' ? 'capped at' : 'raised to the floor of'} ${l.value} points (workflow)`;
      if (contribution) {
        const ruleId = `${l.by === 'step' ? '' : 'workflow-'}${l.limit}`;
        const c: Contribution = { nodeId, ruleId, label: words, scoreType, points: l.points };
        x.contributions.push(c);
      }
      if (l.by === 'workflow') x.reasons.push(`${node.label}: ${words}, ${signed(l.points)}.`);
    },
    reason: byNumber((sum) => `${lead}${signed(sum)}${tail}`),
  };
}

/**
 * Each rule's contribution line when its points are fixed (`{"if": [test, points, 0]}`, every rule but
 * a decaying one): one frozen object per rule, shared by every receipt it appears in, since a rule
 * that earns anything earns exactly that. Null for a rule whose points vary (decay).
 */
function fixedContributions(node: CompiledScore, nodeId: string): (Contribution | null)[] {
  return node.rules.map((r) => {
    const arms = (r.points as { if?: unknown } | null)?.if;
    if (!Array.isArray(arms) || arms.length !== 3 || arms[2] !== 0) return null;
    const points = arms[1];
    if (typeof points !== 'number' || !Number.isFinite(points) || points === 0) return null;
    return Object.freeze({ nodeId, ruleId: r.id, label: r.label, scoreType: node.scoreType, points });
  });
}

/** For each rule worth points: each field it reads and the question to ask when it is missing (else null). */
function fieldQuestions(node: CompiledScore, nodeId: string) {
  const framework = `${node.scoreType} score`;
  return node.rules.map((r) =>
    r.worth > 0 && r.reads?.length
      ? r.reads.map((f) => ({
          path: f.path,
          question: Object.freeze({
            nodeId,
            criterionId: r.id,
            framework,
            label: f.label,
            fields: [f.path],
            question: `Ask for ${f.label.toLowerCase()}: "${r.label}" earns ${signed(r.worth)} ${node.scoreType} points.`,
            points: r.worth,
          }),
        }))
      : null,
  );
}

/** The step as statements of a fused function: the same sums, floors, caps and explanation as `prepareScore`. */
export function fuseScore(node: CompiledScore, ctx: FuseContext & { nodeId: string }): string | undefined {
  const { scoreType } = node;
  const { nodeId } = ctx;
  const x = ctx.explain;
  const explainer = x ? scoreExplainer(node, nodeId) : undefined;
  const held = explainer && ctx.constant(explainer.held);
  const asks = x ? fieldQuestions(node, nodeId) : [];
  const add = x && ctx.constant(addTo);
  const fixed = x ? fixedContributions(node, nodeId) : [];
  let code = 'p=0;q=0;';
  for (const [i, r] of node.rules.entries()) {
    const points = ctx.expr(r.points);
    if (points === undefined) return undefined;
    if (!x) {
      code += `p=${points};if(p!==0)q+=p;`;
      continue;
    }
    // Events are counted on the step driver only (evaluate/fuse.ts does not fuse an artifact with events).
    if (r.counts?.length) return undefined;
    const c = fixed[i]
      ? ctx.constant(fixed[i])
      : `{nodeId:${JSON.stringify(nodeId)},ruleId:${JSON.stringify(r.id)},label:${JSON.stringify(r.label)},scoreType:${JSON.stringify(scoreType)},points:p}`;
    let ask = '';
    for (const a of asks[i] ?? []) {
      const missing = ctx.missing(a.path);
      if (missing === undefined) return undefined;
      ask += `if(${missing})${add}(${x},"scoreQuestions",${ctx.constant(a.question)});`;
    }
    code += `p=${points};if(p!==0){q+=p;${x}.contributions.push(${c});}${ask && `else{${ask}}`}`;
  }
  const hold = (limit: 'cap' | 'floor', value: number) =>
    held
      ? `${held}(${x},{score:${JSON.stringify(scoreType)},limit:"${limit}",by:"step",value:${value},points:${value}-q},true);`
      : '';
  if (node.cap !== null) code += `if(q>${node.cap}){${hold('cap', node.cap)}q=${node.cap};}`;
  if (node.floor !== undefined) code += `if(q<${node.floor}){${hold('floor', node.floor)}q=${node.floor};}`;
  const own = scoreType === 'fit' ? ctx.score.fit : ctx.score.engagement;
  code += `${own}+=q;${ctx.score.total}+=q;`;
  if (explainer) code += `${x}.reasons.push(${ctx.constant(explainer.reason)}(q));`;
  const byWorkflow =
    (score: string, contribution: boolean) => (delta: string, limit: string, value: number) =>
      held
        ? `${held}(${x},{score:${JSON.stringify(score)},limit:"${limit}",by:"workflow",value:${value},points:${delta}},${contribution});`
        : '';
  code += clampSource(
    own,
    node.limits?.[scoreType],
    (d, limit, value) => `${byWorkflow(scoreType, true)(d, limit, value)}${ctx.score.total}+=${d};`,
  );
  code += clampSource(ctx.score.total, node.limits?.total, byWorkflow('total', false));
  return code + ctx.goto('next');
}

/** The step: adds each rule's points, holds the sum within the table's cap and floor, then the workflow's limits. */
export function prepareScore(node: CompiledScore, { logic, nodeId }: PrepareContext): Step {
  const fns = node.rules.map((r) => logic(r.points));
  const counts = node.rules.map((r) => r.counts?.map((c) => ({ text: c.text, count: logic(c.count) })));
  const n = fns.length;
  const { scoreType, cap } = node;
  const floor = node.floor ?? null;
  const own = node.limits?.[scoreType];
  const total = node.limits?.total;
  // Undefined for a rule that asks nothing, so most zero-point rules cost one comparison.
  const asks = fieldQuestions(node, nodeId).map((ask) =>
    ask?.map((a) => ({ missing: isMissingIn(a.path), question: a.question })),
  );
  const { held, reason } = scoreExplainer(node, nodeId);
  const fixed = fixedContributions(node, nodeId);
  return (s) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const p = fns[i]!(s.data) as number;
      if (s.explain && counts[i]) {
        const r = node.rules[i]!;
        for (const c of counts[i]!)
          addTo(s, 'eventCounts', {
            nodeId,
            ruleId: r.id,
            label: r.label,
            text: c.text,
            count: c.count(s.data) as number | null,
          });
      }
      if (p !== 0) {
        sum += p;
        if (!s.explain) continue;
        const r = node.rules[i]!;
        s.contributions.push(fixed[i] ?? { nodeId, ruleId: r.id, label: r.label, scoreType, points: p });
      } else if (s.explain) {
        const ask = asks[i];
        if (ask) for (const a of ask) if (a.missing(s.data.lead)) addTo(s, 'scoreQuestions', a.question);
      }
    }
    if (cap !== null && sum > cap) {
      if (s.explain)
        held(s, { score: scoreType, limit: 'cap', by: 'step', value: cap, points: cap - sum }, true);
      sum = cap;
    }
    if (floor !== null && sum < floor) {
      if (s.explain)
        held(s, { score: scoreType, limit: 'floor', by: 'step', value: floor, points: floor - sum }, true);
      sum = floor;
    }
    const score = s.data.score;
    score[scoreType] += sum;
    score.total += sum;
    if (s.explain) s.reasons.push(reason(sum));
    if (own) {
      const v = clamp(score[scoreType], own);
      if (v !== score[scoreType]) {
        const d = v - score[scoreType];
        if (s.explain)
          held(
            s,
            { score: scoreType, limit: d < 0 ? 'cap' : 'floor', by: 'workflow', value: v, points: d },
            true,
          );
        score[scoreType] = v;
        score.total += d;
      }
    }
    if (total) {
      const v = clamp(score.total, total);
      if (v !== score.total) {
        const d = v - score.total;
        if (s.explain)
          held(
            s,
            { score: 'total', limit: d < 0 ? 'cap' : 'floor', by: 'workflow', value: v, points: d },
            false,
          );
        score.total = v;
      }
    }
    return 'next';
  };
}

/**
 * Whether a normalised lead lacks the field at `path`. The normaliser builds every parent object of the
 * catalogue and leaves a missing field out (never null), so one or two plain reads answer for most paths.
 */
function isMissingIn(path: string): (lead: Record<string, unknown>) => boolean {
  const segs = path.split('.');
  const [a, b] = segs as [string, string | undefined];
  if (segs.length === 1) return (lead) => lead[a] === undefined;
  if (segs.length === 2) {
    return (lead) => {
      const parent = lead[a] as Record<string, unknown> | undefined;
      return parent === undefined || parent[b!] === undefined;
    };
  }
  return (lead) => {
    let v: unknown = lead;
    for (const seg of segs) {
      if (v === null || typeof v !== 'object') return true;
      v = (v as Record<string, unknown>)[seg];
    }
    return v === undefined;
  };
}
