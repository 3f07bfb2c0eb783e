import type { Condition } from '../conditions/schema.ts';
import type { ConditionScope } from '../conditions/scope.ts';
import { conditionText } from '../conditions/text.ts';
import { byId, pts, q, same } from '../diff/words.ts';
import { type FieldCatalogue, findField } from '../model/fields.ts';
import type { DiffContext } from './kind.ts';

/** A score rule as its words need it (the schema lives in score.ts). */
export interface RuleWords {
  id: string;
  label: string;
  condition: Condition;
  points: number;
  decay?: { field?: string; days: number };
}

/** A score table as its words need it. */
export interface TableWords {
  scoreType: 'fit' | 'engagement';
  rules: RuleWords[];
  cap: number | null;
  floor: number | null;
}

export const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/**
 * Which leads a rule applies to: "if Company size is at least 50". A rule with no test yet (an empty
 * group) reads as what it does: "for every lead" (all of nothing is met), "for no lead" (any of nothing).
 */
export function appliesText(
  condition: Condition,
  fields: FieldCatalogue,
  scope: ConditionScope = {},
): string {
  if (condition.type === 'group' && condition.conditions.length === 0)
    return condition.match === 'all' ? 'for every lead' : 'for no lead';
  return `if ${conditionText(condition, fields, scope)}`;
}

/** What a decay counts from: a date field's label, or "the newest such event". */
const decayFrom = (r: RuleWords, fields: FieldCatalogue) =>
  r.decay?.field === undefined
    ? 'the newest such event'
    : (findField(fields, r.decay.field)?.label ?? r.decay.field);

export function ruleText(r: RuleWords, fields: FieldCatalogue, scope: ConditionScope = {}): string {
  const decay = r.decay
    ? `, full within ${r.decay.days} days of ${decayFrom(r, fields)}, half within ${2 * r.decay.days}`
    : '';
  return `${signed(r.points)} ${appliesText(r.condition, fields, scope)}${decay}`;
}

function decayText(r: RuleWords, fields: FieldCatalogue): string {
  if (!r.decay) return 'no decay';
  return `full within ${r.decay.days} days of ${decayFrom(r, fields)}`;
}

/** "; at most 40 and at least -10 points from this table", or nothing. */
export function limitsText(d: TableWords): string {
  const parts = [
    ...(d.cap != null ? [`at most ${d.cap}`] : []),
    ...(d.floor != null ? [`at least ${d.floor}`] : []),
  ];
  return parts.length ? `; ${parts.join(' and ')} points from this table` : '';
}

/** One sentence a change: rules by id (added, removed, renamed, points, condition, decay), cap, floor, the score. */
export function diffScore(a: TableWords, b: TableWords, ctx: DiffContext): string[] {
  const name = ctx.label;
  const before = ctx.before ?? ctx;
  const out: string[] = [];
  if (a.scoreType !== b.scoreType) out.push(`${name}: now adds ${b.scoreType} points, was ${a.scoreType}.`);
  const { removed, added, kept } = byId(a.rules, b.rules);
  for (const r of removed)
    out.push(`${name}: rule ${q(r.label)} (${ruleText(r, ctx.beforeFields, before)}) removed.`);
  for (const r of added) out.push(`${name}: rule ${q(r.label)} added: ${ruleText(r, ctx.fields, ctx)}.`);
  for (const [x, y] of kept) {
    if (x.label !== y.label) out.push(`${name}: rule ${q(x.label)} renamed to ${q(y.label)}.`);
    if (x.points !== y.points) out.push(`${name}: ${q(y.label)} ${x.points} → ${pts(y.points)}.`);
    const was = appliesText(x.condition, ctx.beforeFields, before);
    const now = appliesText(y.condition, ctx.fields, ctx);
    if (!same(x.condition, y.condition) || was !== now)
      out.push(`${name}: ${q(y.label)} applies ${was} → ${now}.`);
    if (x.decay && y.decay && x.decay.field === y.decay.field && x.decay.days !== y.decay.days)
      out.push(`${name}: ${q(y.label)} full points within ${x.decay.days} → ${y.decay.days} days.`);
    else if (!same(x.decay, y.decay))
      out.push(`${name}: ${q(y.label)} ${decayText(x, ctx.beforeFields)} → ${decayText(y, ctx.fields)}.`);
  }
  const order = (rules: RuleWords[], ids: Set<string>) => rules.filter((r) => ids.has(r.id)).map((r) => r.id);
  const both = new Set(kept.map(([x]) => x.id));
  if (!same(order(a.rules, both), order(b.rules, both))) out.push(`${name}: rules reordered.`);
  if (a.cap !== b.cap) {
    const cap = (c: number | null) => (c === null ? 'no cap' : `cap ${pts(c)}`);
    out.push(`${name}: ${cap(a.cap)} → ${cap(b.cap)}.`);
  }
  if ((a.floor ?? null) !== (b.floor ?? null)) {
    const floor = (c: number | null) => (c === null ? 'no floor' : `floor ${pts(c)}`);
    out.push(`${name}: ${floor(a.floor ?? null)} → ${floor(b.floor ?? null)}.`);
  }
  return out;
}
