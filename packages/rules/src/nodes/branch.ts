import { z } from 'zod';
import { byId, q } from '../diff/words.ts';
import type { JsonLogic } from '../model/logic.ts';
import { byNumber } from './by-number.ts';
import { type DiffContext, defineKind } from './kind.ts';
import {
  duplicateTierIds,
  exitNames,
  fuseSelect,
  TierIdSchema,
  type TiersNode,
  tierLabels,
} from './tiers.ts';

const TierSchema = z.object({
  id: TierIdSchema,
  label: z.string().min(1).max(100),
  min: z.number().finite(),
});

const DataSchema = z.object({
  on: z.enum(['total', 'fit', 'engagement']),
  tiers: z.array(TierSchema).min(1).max(20),
  elseLabel: z.string().min(1).max(100).default('Below'),
});
type Data = z.infer<typeof DataSchema>;

interface Compiled extends TiersNode {
  on: Data['on'];
}

const scoreName = { total: 'total score', fit: 'fit score', engagement: 'engagement score' } as const;

/** One sentence a change: the score sorted on, tiers by id ("threshold 60 → 70"), the last exit's name. */
function diffBranch(a: Data, b: Data, ctx: DiffContext): string[] {
  const name = ctx.label;
  const out: string[] = [];
  if (a.on !== b.on) out.push(`${name}: now sorts by ${scoreName[b.on]}, was ${scoreName[a.on]}.`);
  const { removed, added, kept } = byId(a.tiers, b.tiers);
  for (const t of removed) out.push(`${name}: tier ${q(t.label)} (${t.min}+) removed.`);
  for (const t of added) out.push(`${name}: tier ${q(t.label)} (${t.min}+) added.`);
  for (const [x, y] of kept) {
    if (x.label !== y.label) out.push(`${name}: tier ${q(x.label)} renamed to ${q(y.label)}.`);
    if (x.min !== y.min) out.push(`${name}: ${q(y.label)} threshold ${x.min} → ${y.min}.`);
  }
  if (a.elseLabel !== b.elseLabel)
    out.push(`${name}: the exit for lower scores renamed from ${q(a.elseLabel)} to ${q(b.elseLabel)}.`);
  return out;
}

/** The start of the step's reason, before the score: "Score tiers: total score ". */
const reasonLead = (node: Compiled) => `${node.label}: ${scoreName[node.on]} `;

/**
 * The step's reason for each exit, by score ("Score tiers: total score 72 → Hot."): the texts are kept
 * (by-number.ts), so receipts share them. Step and fused use the same.
 */
function tierReasons(node: Compiled): (port: string) => (score: number) => string {
  const lead = reasonLead(node);
  // The tier's label ("→ Hot"), not its id.
  const name = exitNames(node.labels);
  const byPort = new Map<string, (score: number) => string>();
  return (port) => {
    let reason = byPort.get(port);
    if (!reason) {
      const tail = ` → ${name(port)}.`;
      reason = byNumber((score) => `${lead}${score}${tail}`);
      // A hand-made select may name ports without end: those are not kept.
      if (byPort.size < 64) byPort.set(port, reason);
    }
    return reason;
  };
}

/** Splits leads by their score so far into ordered tiers (first match wins) and an else exit. */
export const branch = defineKind<Data, Compiled>({
  kind: 'branch',
  title: 'Score tiers',
  blurb: 'Splits leads by score: e.g. 60 or more, 35 or more, the rest.',
  color: '#d97706',
  icon: '⋔',
  dataSchema: DataSchema,
  defaults: () => ({
    on: 'total',
    tiers: [
      { id: 'hot', label: 'Hot', min: 60 },
      { id: 'warm', label: 'Warm', min: 35 },
    ],
    elseLabel: 'Cold',
  }),
  ports: (d) => [
    ...d.tiers.map((t) => ({ id: t.id, label: `${t.label} (${t.min}+)` })),
    { id: 'else', label: d.elseLabel },
  ],
  reads: () => [],
  check: (d) => {
    const found: ReturnType<NonNullable<import('./kind.ts').NodeKind['check']>> = [];
    found.push(...duplicateTierIds(d.tiers));
    d.tiers.forEach((t, i) => {
      const prev = d.tiers[i - 1];
      if (prev && t.min >= prev.min) {
        found.push({
          code: 'tiers_out_of_order',
          severity: 'error',
          path: `data.tiers.${i}.min`,
          message: `Tier "${t.label}" (${t.min}+) must have a lower threshold than "${prev.label}" (${prev.min}+) above it; no lead could reach it.`,
        });
      }
    });
    return found;
  },
  when: (d, port) => {
    const i = d.tiers.findIndex((t) => t.id === port);
    const name = `the ${scoreName[d.on]}`;
    if (i < 0) return `${name} is below ${Math.min(...d.tiers.map((t) => t.min))}`;
    const above = d.tiers[i - 1];
    return `${name} is ${d.tiers[i]!.min} or more${above ? ` and below ${above.min}` : ''}`;
  },
  summary: (d) =>
    `${scoreName[d.on]}: ${d.tiers.map((t) => `${t.label} ${t.min}+`).join(', ')}, else ${d.elseLabel}`,
  describe: (d, ctx) =>
    `${ctx.label || 'Score tiers'} sorts leads by ${scoreName[d.on]}: ${d.tiers
      .map((t) => `${t.min} or more is ${t.label}`)
      .join(', ')}, anything lower is ${d.elseLabel}.`,
  diff: diffBranch,
  compile: (d) => {
    const v = { var: `score.${d.on}` };
    const arms: JsonLogic[] = d.tiers.flatMap((t) => [{ '>=': [v, t.min] }, t.id]);
    return { on: d.on, select: { if: [...arms, 'else'] }, labels: tierLabels(d.tiers, d.elseLabel) };
  },
  fuse: (node, ctx) => {
    // The select this kind compiles is `if` over comparisons, each naming a port: jump on each
    // comparison directly. Any other select (a hand-made artifact) goes through the port's name.
    const arms = (node.select as { if?: unknown[] } | null)?.if;
    const compares = new Set(['>=', '>', '<=', '<', '==', '===', '!=', '!==']);
    const direct =
      Array.isArray(arms) &&
      arms.length % 2 === 1 &&
      arms.every((x, i) =>
        i % 2 === 1 || i === arms.length - 1
          ? typeof x === 'string'
          : typeof x === 'object' &&
            x !== null &&
            Object.keys(x).length === 1 &&
            compares.has(Object.keys(x)[0]!),
      );
    // The step's reason: "Score tiers: total score 72 → Hot."
    const score = ctx.score[node.on];
    const reasons = tierReasons(node);
    const exit = (port: string) =>
      (ctx.explain ? `${ctx.explain}.reasons.push(${ctx.constant(reasons(port))}(${score}));` : '') +
      ctx.goto(port);
    if (direct) {
      let code = '';
      for (let i = 0; i < arms.length - 1; i += 2) {
        const test = ctx.expr(arms[i] as JsonLogic);
        if (test === undefined) return undefined;
        code += `if(${test}){${exit(arms[i + 1] as string)}}`;
      }
      return code + exit(arms.at(-1) as string);
    }
    return fuseSelect(node, ctx, () => `${ctx.constant(reasons)}(p)(${score})`);
  },
  sql: (d, ctx) => ({
    exits: [
      ...d.tiers.map((t) => ({ when: `${ctx.score[d.on]} >= ${ctx.sql.num(t.min)}`, port: t.id })),
      { port: 'else' },
    ],
  }),
  prepare: (node, { logic }) => {
    const select = logic(node.select);
    const { on } = node;
    const reasons = tierReasons(node);
    return (s) => {
      const port = String(select(s.data));
      if (!s.explain) return port;
      s.reasons.push(reasons(port)(s.data.score[on]));
      return port;
    };
  },
});
