import { z } from 'zod';
import { checkCondition } from '../conditions/check.ts';
import { isMissingLogic, leadVar } from '../conditions/logic.ts';
import { all, type Condition, ConditionSchema, fieldsOf } from '../conditions/schema.ts';
import { conditionText } from '../conditions/text.ts';
import { byId, pts, q, same } from '../diff/words.ts';
import type { Contribution } from '../evaluate/decision.ts';
import { type FieldCatalogue, findField } from '../model/fields.ts';
import { DAY_MS, type JsonLogic, MET } from '../model/logic.ts';
import { SQL_MET } from '../sql/truth.ts';
import { type ArtifactNode, type DiffContext, defineKind } from './kind.ts';

const DecaySchema = z.object({
  /** A date field: when the behaviour happened. */
  field: z.string().min(1).max(200),
  /** Full points within this many days of the event, half within twice as many, none after. */
  days: z.number().int().min(1).max(3650),
});

const ScoreRuleSchema = z.object({
  id: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
  condition: ConditionSchema,
  /** Whole points (as in every scoring tool), so receipts add up exactly; decay halves them. */
  points: z.number().int('points are whole numbers').min(-1000).max(1000),
  decay: DecaySchema.optional(),
});
export type ScoreRule = z.infer<typeof ScoreRuleSchema>;

const DataSchema = z.object({
  scoreType: z.enum(['fit', 'engagement']),
  rules: z.array(ScoreRuleSchema).max(200),
  cap: z.number().int('a cap is a whole number of points').min(0).nullable().default(null),
});
type Data = z.infer<typeof DataSchema>;

interface CompiledRule {
  id: string;
  label: string;
  points: JsonLogic;
  /** The points the rule earns when met, and the fit or conversation fields it reads: for questions when one is missing. */
  worth: number;
  reads: { path: string; label: string }[];
}
interface Compiled extends ArtifactNode {
  scoreType: 'fit' | 'engagement';
  rules: CompiledRule[];
  cap: number | null;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

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

/** Points a rule earns, decayed by the age of its event: full within N days, half within 2N, none after. */
function pointsLogic(rule: ScoreRule, test: JsonLogic): JsonLogic {
  if (!rule.decay) return { if: [{ '===': [test, MET] }, rule.points, 0] };
  const when = leadVar(rule.decay.field);
  const age: JsonLogic = { '-': [{ var: 'now' }, when] };
  return {
    if: [
      { or: [{ '!==': [test, MET] }, isMissingLogic(rule.decay.field)] },
      0,
      { '<=': [age, rule.decay.days * DAY_MS] },
      rule.points,
      { '<=': [age, 2 * rule.decay.days * DAY_MS] },
      rule.points / 2,
      0,
    ],
  };
}

/**
 * Which leads a rule applies to: "if Company size is at least 50". A rule with no test yet (an empty
 * group) reads as what it does: "for every lead" (all of nothing is met), "for no lead" (any of nothing).
 */
function appliesText(condition: Condition, fields: FieldCatalogue): string {
  if (condition.type === 'group' && condition.conditions.length === 0)
    return condition.match === 'all' ? 'for every lead' : 'for no lead';
  return `if ${conditionText(condition, fields)}`;
}

function ruleText(r: ScoreRule, fields: FieldCatalogue): string {
  const decay = r.decay
    ? `, full within ${r.decay.days} days of ${findField(fields, r.decay.field)?.label ?? r.decay.field}, half within ${2 * r.decay.days}`
    : '';
  return `${signed(r.points)} ${appliesText(r.condition, fields)}${decay}`;
}

function decayText(r: ScoreRule, fields: FieldCatalogue): string {
  if (!r.decay) return 'no decay';
  const field = findField(fields, r.decay.field)?.label ?? r.decay.field;
  return `full within ${r.decay.days} days of ${field}`;
}

/** One sentence a change: rules by id (added, removed, renamed, points, condition, decay), the cap, the score. */
function diffScore(a: Data, b: Data, ctx: DiffContext): string[] {
  const name = ctx.label;
  const out: string[] = [];
  if (a.scoreType !== b.scoreType) out.push(`${name}: now adds ${b.scoreType} points, was ${a.scoreType}.`);
  const { removed, added, kept } = byId(a.rules, b.rules);
  for (const r of removed)
    out.push(`${name}: rule ${q(r.label)} (${ruleText(r, ctx.beforeFields)}) removed.`);
  for (const r of added) out.push(`${name}: rule ${q(r.label)} added: ${ruleText(r, ctx.fields)}.`);
  for (const [x, y] of kept) {
    if (x.label !== y.label) out.push(`${name}: rule ${q(x.label)} renamed to ${q(y.label)}.`);
    if (x.points !== y.points) out.push(`${name}: ${q(y.label)} ${x.points} → ${pts(y.points)}.`);
    const was = appliesText(x.condition, ctx.beforeFields);
    const now = appliesText(y.condition, ctx.fields);
    if (!same(x.condition, y.condition) || was !== now)
      out.push(`${name}: ${q(y.label)} applies ${was} → ${now}.`);
    if (x.decay && y.decay && x.decay.field === y.decay.field && x.decay.days !== y.decay.days)
      out.push(`${name}: ${q(y.label)} full points within ${x.decay.days} → ${y.decay.days} days.`);
    else if (!same(x.decay, y.decay))
      out.push(`${name}: ${q(y.label)} ${decayText(x, ctx.beforeFields)} → ${decayText(y, ctx.fields)}.`);
  }
  const order = (rules: ScoreRule[], ids: Set<string>) => rules.filter((r) => ids.has(r.id)).map((r) => r.id);
  const both = new Set(kept.map(([x]) => x.id));
  if (!same(order(a.rules, both), order(b.rules, both))) out.push(`${name}: rules reordered.`);
  if (a.cap !== b.cap) {
    const cap = (c: number | null) => (c === null ? 'no cap' : `cap ${pts(c)}`);
    out.push(`${name}: ${cap(a.cap)} → ${cap(b.cap)}.`);
  }
  return out;
}

/** A table of scoring rules adding fit or engagement points; negative points allowed, optional cap and decay. */
export const score = defineKind<Data, Compiled>({
  kind: 'score',
  title: 'Score',
  blurb: 'Adds fit or engagement points for what the lead is and does.',
  color: '#16a34a',
  icon: '⊕',
  dataSchema: DataSchema,
  defaults: () => ({
    scoreType: 'fit',
    rules: [{ id: 'rule-1', label: 'New rule', condition: all() as Condition, points: 10 }],
    cap: null,
  }),
  ports: () => [{ id: 'next', label: 'Next' }],
  reads: (d) => [
    ...new Set(d.rules.flatMap((r) => [...fieldsOf(r.condition), ...(r.decay ? [r.decay.field] : [])])),
  ],
  check: (d, ctx) => {
    const found = d.rules.flatMap((r, i) =>
      checkCondition(r.condition, ctx.fields, `data.rules.${i}.condition`).map((f) => ({
        ...f,
        message: `${r.label}: ${f.message}`,
      })),
    );
    d.rules.forEach((r, i) => {
      if (!r.decay) return;
      const f = findField(ctx.fields, r.decay.field);
      if (f?.type !== 'date') {
        found.push({
          code: 'decay_field_not_date',
          severity: 'error',
          path: `data.rules.${i}.decay.field`,
          message: `${r.label}: decay needs a date field; "${r.decay.field}" is ${f ? `a ${f.type} field` : 'not in the catalogue'}.`,
        });
      }
    });
    const ids = d.rules.map((r) => r.id);
    if (new Set(ids).size !== ids.length) {
      found.push({
        code: 'duplicate_id',
        severity: 'error',
        path: 'data.rules',
        message: 'Two rules share an id.',
      });
    }
    return found;
  },
  summary: (d, ctx) => {
    if (d.rules.length === 1) return ruleText(d.rules[0]!, ctx.fields);
    const top = d.rules.reduce((sum, r) => sum + Math.max(0, r.points), 0);
    return `${d.rules.length} ${d.scoreType} rules, up to ${signed(d.cap == null ? top : Math.min(top, d.cap))}`;
  },
  describe: (d, ctx) =>
    `${ctx.label || 'Score'} adds ${d.scoreType} points: ${d.rules.map((r) => ruleText(r, ctx.fields)).join('; ')}${
      d.cap != null ? `; at most ${d.cap} points from this table` : ''
    }. Missing data earns no points.`,
  diff: diffScore,
  maxPoints: (d) => {
    const top = d.rules.reduce((sum, r) => sum + Math.max(0, r.points), 0);
    const most = d.cap == null ? top : Math.min(top, d.cap);
    return d.scoreType === 'fit' ? { fit: most, engagement: 0 } : { fit: 0, engagement: most };
  },
  compile: (d, ctx) => ({
    scoreType: d.scoreType,
    rules: d.rules.map((r) => ({
      id: r.id,
      label: r.label,
      points: pointsLogic(r, ctx.condition(r.condition)),
      worth: r.points,
      // Engagement is observed (visits, downloads), not asked: questions are for fit and conversation fields.
      reads: fieldsOf(r.condition).flatMap((path) => {
        const field = findField(ctx.fields, path);
        return field && field.category !== 'engagement' ? [{ path, label: field.label }] : [];
      }),
    })),
    cap: d.cap,
  }),
  fuse: (node, ctx) => {
    let code = 'p=0;q=0;';
    for (const r of node.rules) {
      const points = ctx.expr(r.points);
      if (points === undefined) return undefined;
      code += `p=${points};if(p!==0)q+=p;`;
    }
    if (node.cap !== null) code += `if(q>${node.cap})q=${node.cap};`;
    const own = node.scoreType === 'fit' ? ctx.score.fit : ctx.score.engagement;
    return `${code}${own}+=q;${ctx.score.total}+=q;${ctx.goto('next')}`;
  },
  sql: (d, ctx) => {
    const { num } = ctx.sql;
    const points = d.rules.map((r) => {
      const met = `${ctx.condition(r.condition)} = ${SQL_MET}`;
      if (!r.decay) return `CASE WHEN ${met} THEN ${num(r.points)} ELSE ${num(0)} END`;
      // Full points within N days of the event, half within 2N, none after (pointsLogic).
      const when = ctx.field(r.decay.field);
      const age = `(${ctx.now} - ${when})`;
      return `CASE WHEN NOT (${met}) OR ${when} IS NULL THEN ${num(0)} WHEN ${age} <= ${num(r.decay.days * DAY_MS)} THEN ${num(r.points)} WHEN ${age} <= ${num(2 * r.decay.days * DAY_MS)} THEN ${num(r.points / 2)} ELSE ${num(0)} END`;
    });
    const sum = points.length ? `(${points.join(' + ')})` : num(0);
    const capped = d.cap === null ? sum : `LEAST(${sum}, ${num(d.cap)})`;
    return { add: { scoreType: d.scoreType, points: ctx.fact(capped) }, exits: [{ port: 'next' }] };
  },
  prepare: (node, { logic, nodeId }) => {
    const fns = node.rules.map((r) => logic(r.points));
    const n = fns.length;
    const { scoreType, cap } = node;
    const capLabel = `Capped at ${cap} points`;
    const framework = `${scoreType} score`;
    // For each rule worth points: each field it reads, how to find it in the lead, and the question.
    // Null for a rule that asks nothing, so most zero-point rules cost one comparison.
    const asks = node.rules.map((r) =>
      r.worth > 0 && r.reads?.length
        ? r.reads.map((f) => ({
            missing: isMissingIn(f.path),
            question: {
              nodeId,
              criterionId: r.id,
              framework,
              label: f.label,
              fields: [f.path],
              question: `Ask for ${f.label.toLowerCase()}: "${r.label}" earns ${signed(r.worth)} ${scoreType} points.`,
              points: r.worth,
            },
          }))
        : null,
    );
    return (s) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const p = fns[i]!(s.data) as number;
        if (p !== 0) {
          sum += p;
          if (!s.explain) continue;
          const r = node.rules[i]!;
          const c: Contribution = { nodeId, ruleId: r.id, label: r.label, scoreType, points: p };
          s.contributions.push(c);
        } else if (s.explain) {
          const ask = asks[i];
          if (ask !== null)
            for (const a of ask!) if (a.missing(s.data.lead)) s.scoreQuestions.push(a.question);
        }
      }
      if (cap !== null && sum > cap) {
        if (s.explain)
          s.contributions.push({ nodeId, ruleId: 'cap', label: capLabel, scoreType, points: cap - sum });
        sum = cap;
      }
      const score = s.data.score;
      score[scoreType] += sum;
      score.total += sum;
      if (s.explain) s.reasons.push(`${node.label}: ${signed(sum)} ${scoreType} points.`);
      return 'next';
    };
  },
});
