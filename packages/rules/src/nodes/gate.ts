import { z } from 'zod';
import { checkCondition } from '../conditions/check.ts';
import { all, type Condition, ConditionSchema, fieldsOf } from '../conditions/schema.ts';
import { conditionText } from '../conditions/text.ts';
import { byId, q, same } from '../diff/words.ts';
import { criterionCondition, matchCriteria } from '../framework-fill.ts';
import { FRAMEWORKS, type Framework } from '../frameworks.ts';
import type { FieldCatalogue } from '../model/fields.ts';
import { type JsonLogic, MET } from '../model/logic.ts';
import { SQL_MET, truthStatusSql } from '../sql/truth.ts';
import { countsOf } from './event-counts.ts';
import { type CompiledGate, fuseGate, prepareGate } from './gate-step.ts';
import { type DiffContext, defineKind } from './kind.ts';

const CriterionSchema = z.object({
  id: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
  condition: ConditionSchema,
  weight: z.number().finite().min(0).max(1000).default(1),
});

const PassRuleSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('atLeast'), count: z.number().int().min(0) }),
  z.object({ rule: z.literal('points'), threshold: z.number().finite() }),
]);

const DataSchema = z.object({
  framework: z.enum(Object.keys(FRAMEWORKS) as [Framework, ...Framework[]]),
  criteria: z.array(CriterionSchema).max(50),
  pass: PassRuleSchema,
});
type Data = z.infer<typeof DataSchema>;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A gate preset: the framework's criteria and its default pass rule. Each criterion reads the matching
 * catalogue field where one exists (`matchCriteria`); the others start empty, to be tied to lead fields.
 */
export function frameworkPreset(framework: Framework, fields: FieldCatalogue = []): Data {
  const f = FRAMEWORKS[framework];
  return {
    framework,
    criteria: matchCriteria(f.criteria, fields).map(({ label, field }) => ({
      id: slug(label),
      label,
      condition: field ? criterionCondition(field) : (all() as Condition),
      weight: 1,
    })),
    pass: { rule: 'atLeast', count: f.defaultAtLeast },
  };
}

const pointsText = (n: number) => (n === 1 ? '1 point' : `${n} points`);

function passText(d: Data): string {
  const m = d.criteria.length;
  if (d.pass.rule === 'atLeast') return `at least ${d.pass.count} of ${m} criteria are met`;
  return `met criteria weigh at least ${pointsText(d.pass.threshold)}`;
}

/** What the gate needs, short: "3 of 4 criteria", "7 points of criteria". */
function needs(d: Data): string {
  return d.pass.rule === 'atLeast'
    ? `${d.pass.count} of ${d.criteria.length} criteria`
    : `${pointsText(d.pass.threshold)} of criteria`;
}

/** One sentence a change: the framework, the pass rule ("needs 3 of 4 → 4 of 4 criteria"), criteria by id. */
function diffGate(a: Data, b: Data, ctx: DiffContext): string[] {
  const name = ctx.label;
  const out: string[] = [];
  if (a.framework !== b.framework)
    out.push(`${name}: framework ${FRAMEWORKS[a.framework].label} → ${FRAMEWORKS[b.framework].label}.`);
  const { removed, added, kept } = byId(a.criteria, b.criteria);
  for (const c of removed)
    out.push(
      `${name}: criterion ${q(c.label)} (${conditionText(c.condition, ctx.beforeFields, ctx.before ?? ctx)}) removed.`,
    );
  for (const c of added)
    out.push(`${name}: criterion ${q(c.label)} added: ${conditionText(c.condition, ctx.fields, ctx)}.`);
  for (const [x, y] of kept) {
    if (x.label !== y.label) out.push(`${name}: criterion ${q(x.label)} renamed to ${q(y.label)}.`);
    const was = conditionText(x.condition, ctx.beforeFields, ctx.before ?? ctx);
    const now = conditionText(y.condition, ctx.fields, ctx);
    if (!same(x.condition, y.condition) || was !== now)
      out.push(`${name}: criterion ${q(y.label)}: ${was} → ${now}.`);
    if (x.weight !== y.weight) out.push(`${name}: criterion ${q(y.label)} weight ${x.weight} → ${y.weight}.`);
  }
  const both = new Set(kept.map(([x]) => x.id));
  const order = (d: Data) => d.criteria.filter((c) => both.has(c.id)).map((c) => c.id);
  if (!same(order(a), order(b))) out.push(`${name}: criteria reordered.`);
  const [was, now] = [needs(a), needs(b)];
  if (was !== now) {
    // "needs 3 of 4 → 4 of 4 criteria" when only the numbers move.
    const counts = a.pass.rule === 'atLeast' && b.pass.rule === 'atLeast';
    out.push(`${name}: needs ${counts ? was.replace(/ criteria$/, '') : was} → ${now}.`);
  }
  return out;
}

/** A framework gate (BANT, CHAMP, MEDDIC...): passes when enough criteria are met. Unknown is not met. */
export const gate = defineKind<Data, CompiledGate>({
  kind: 'gate',
  title: 'Framework gate',
  blurb: 'BANT, CHAMP, ANUM, FAINT, MEDDIC, GPCTBA/C&I, GPTC or your own criteria.',
  color: '#7c3aed',
  icon: '⊞',
  dataSchema: DataSchema,
  defaults: (ctx) => frameworkPreset('BANT', ctx?.fields),
  ports: () => [
    { id: 'pass', label: 'Pass' },
    { id: 'fail', label: 'Fail' },
  ],
  reads: (d) => [...new Set(d.criteria.flatMap((c) => fieldsOf(c.condition)))],
  check: (d, ctx) => {
    const found = d.criteria.flatMap((c, i) =>
      checkCondition(c.condition, ctx.fields, `data.criteria.${i}.condition`, ctx).map((f) => ({
        ...f,
        message: `${c.label}: ${f.message}`,
      })),
    );
    const ids = d.criteria.map((c) => c.id);
    if (new Set(ids).size !== ids.length) {
      found.push({
        code: 'duplicate_id',
        severity: 'error',
        path: 'data.criteria',
        message: 'Two criteria share an id.',
      });
    }
    if (d.criteria.length === 0) {
      found.push({
        code: 'empty_gate',
        severity: 'error',
        path: 'data.criteria',
        message: 'Add at least one criterion.',
      });
    }
    if (d.pass.rule === 'atLeast' && d.pass.count > d.criteria.length) {
      found.push({
        code: 'gate_unreachable',
        severity: 'error',
        path: 'data.pass.count',
        message: `The gate asks for ${d.pass.count} of ${d.criteria.length} criteria: no lead can pass.`,
      });
    }
    const most = d.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (d.pass.rule === 'points' && d.pass.threshold > most) {
      found.push({
        code: 'gate_unreachable',
        severity: 'error',
        path: 'data.pass.threshold',
        message: `The gate needs ${d.pass.threshold} points but all criteria together weigh ${most}: no lead can pass.`,
      });
    }
    return found;
  },
  when: (d, port, ctx) => {
    const name = ctx.label || FRAMEWORKS[d.framework].label;
    const criteria = d.criteria.map((c) => c.label).join(', ');
    return port === 'pass'
      ? `${name} passes: ${passText(d)} (${criteria})`
      : d.pass.rule === 'atLeast'
        ? `${name} does not pass: fewer than ${d.pass.count} of ${criteria} are met (or known)`
        : `${name} does not pass: the met criteria weigh less than ${pointsText(d.pass.threshold)}`;
  },
  summary: (d) =>
    d.pass.rule === 'atLeast'
      ? `${FRAMEWORKS[d.framework].label}: ${d.pass.count} of ${d.criteria.length} criteria`
      : `${FRAMEWORKS[d.framework].label}: ${d.pass.threshold} points of criteria`,
  describe: (d, ctx) =>
    `${ctx.label || FRAMEWORKS[d.framework].label} passes when ${passText(d)}: ${d.criteria
      .map(
        (c) =>
          `${c.label} (${conditionText(c.condition, ctx.fields, ctx)}${d.pass.rule === 'points' ? `, ${pointsText(c.weight)}` : ''})`,
      )
      .join('; ')}. A criterion whose data is missing counts as not met until a rep asks.`,
  diff: diffGate,
  compile: (d, ctx) => {
    const hits: JsonLogic[] = d.criteria.map((c, i) => ({
      if: [{ '===': [{ var: `gate.${i}` }, MET] }, d.pass.rule === 'atLeast' ? 1 : c.weight, 0],
    }));
    const bar = d.pass.rule === 'atLeast' ? d.pass.count : d.pass.threshold;
    return {
      framework: d.framework,
      criteria: d.criteria.map((c) => ({
        id: c.id,
        label: c.label,
        fields: fieldsOf(c.condition),
        text: conditionText(c.condition, ctx.fields, ctx),
        test: ctx.condition(c.condition),
        ...countsOf(c.condition, ctx),
      })),
      pass: { '>=': [{ '+': hits }, bar] },
    };
  },
  fuse: fuseGate,
  sql: (d, ctx) => {
    const truths = d.criteria.map((c) => ctx.fact(ctx.condition(c.condition)));
    // The runtime's sum, in its order: 1 (or the weight) for each met criterion.
    const hits = truths.map(
      (t, i) =>
        `CASE WHEN ${t} = ${SQL_MET} THEN ${ctx.sql.num(d.pass.rule === 'atLeast' ? 1 : d.criteria[i]!.weight)} ELSE ${ctx.sql.num(0)} END`,
    );
    const bar = d.pass.rule === 'atLeast' ? d.pass.count : d.pass.threshold;
    const passed = ctx.fact(`(${hits.join(' + ') || ctx.sql.num(0)}) >= ${ctx.sql.num(bar)}`);
    ctx.report(`gate.${ctx.nodeId}`, passed);
    for (const [i, c] of d.criteria.entries())
      ctx.report(`gate.${ctx.nodeId}.${c.id}`, truthStatusSql(truths[i]!));
    return { exits: [{ when: passed, port: 'pass' }, { port: 'fail' }] };
  },
  prepare: prepareGate,
});
