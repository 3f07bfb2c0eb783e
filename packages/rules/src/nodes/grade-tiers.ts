import { z } from 'zod';
import { conditionText } from '../conditions/text.ts';
import { byId, orList, q } from '../diff/words.ts';
import { GRADES, type GradeName, gradeLogic } from '../model/grade.ts';
import type { JsonLogic } from '../model/logic.ts';
import { gradeSql } from '../sql/grade-sql.ts';
import { defineKind } from './kind.ts';
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
  grades: z.array(z.enum(GRADES)).max(9),
});

const DataSchema = z.object({
  tiers: z.array(TierSchema).min(1).max(9),
  elseLabel: z.string().min(1).max(100).default('Other grades'),
});
type Data = z.infer<typeof DataSchema>;
type Tier = Data['tiers'][number];

interface Compiled extends TiersNode {
  /** The grade as JSON-logic over the scores so far, for the receipt's reason. */
  grade: JsonLogic;
}

/** "A1, A2 or B1". */
const list = (grades: readonly string[]) => orList(grades) || 'no grade';

/** Each tier's grades in the grid's order, without those an earlier tier already takes (first match wins). */
function owned(tiers: Tier[]): GradeName[][] {
  const taken = new Set<string>();
  return tiers.map((t) => {
    const mine = GRADES.filter((g) => t.grades.includes(g) && !taken.has(g));
    for (const g of mine) taken.add(g);
    return mine;
  });
}

/** The grades no tier takes: they leave by the else exit. */
const rest = (tiers: Tier[]) => GRADES.filter((g) => !tiers.some((t) => t.grades.includes(g)));

function diffGradeTiers(a: Data, b: Data, ctx: { label: string }): string[] {
  const name = ctx.label;
  const out: string[] = [];
  const { removed, added, kept } = byId(a.tiers, b.tiers);
  for (const t of removed) out.push(`${name}: tier ${q(t.label)} (${list(t.grades)}) removed.`);
  for (const t of added) out.push(`${name}: tier ${q(t.label)} (${list(t.grades)}) added.`);
  for (const [x, y] of kept) {
    if (x.label !== y.label) out.push(`${name}: tier ${q(x.label)} renamed to ${q(y.label)}.`);
    const before = GRADES.filter((g) => x.grades.includes(g));
    const after = GRADES.filter((g) => y.grades.includes(g));
    if (before.join() !== after.join())
      out.push(`${name}: ${q(y.label)} now takes ${list(after)}, was ${list(before)}.`);
  }
  const order = (d: Data) => d.tiers.map((t) => t.id).join();
  if (removed.length === 0 && added.length === 0 && order(a) !== order(b))
    out.push(`${name}: tiers reordered: ${b.tiers.map((t) => q(t.label)).join(', ')}.`);
  if (a.elseLabel !== b.elseLabel)
    out.push(`${name}: the exit for other grades renamed from ${q(a.elseLabel)} to ${q(b.elseLabel)}.`);
  return out;
}

/**
 * Splits leads by their grade so far (fit × engagement, A1 to C3, under the workflow's bands) into
 * ordered tiers, each a set of grades (first match wins), and an else exit.
 */
export const grade = defineKind<Data, Compiled>({
  kind: 'grade',
  title: 'Grade tiers',
  blurb: 'Splits leads by grade (fit × engagement): e.g. A1, A2, B1; then A3, B2; the rest.',
  color: '#b45309',
  icon: '▦',
  dataSchema: DataSchema,
  defaults: () => ({
    tiers: [
      { id: 'sales_ready', label: 'Sales-ready', grades: ['A1', 'A2', 'B1'] },
      { id: 'nurture', label: 'Nurture', grades: ['A3', 'B2', 'C1'] },
    ],
    elseLabel: 'Other grades',
  }),
  ports: (d) => [
    ...d.tiers.map((t) => ({ id: t.id, label: `${t.label} (${t.grades.join(', ') || 'no grade'})` })),
    { id: 'else', label: d.elseLabel },
  ],
  reads: () => [],
  check: (d, ctx) => {
    const found: ReturnType<NonNullable<import('./kind.ts').NodeKind['check']>> = [];
    if (!ctx.grade) {
      found.push({
        code: 'grade_without_bands',
        severity: 'error',
        path: 'data.tiers',
        message:
          'This step sorts leads by grade, but the workflow has no grade bands: add them under Scoring (grade).',
      });
    }
    found.push(...duplicateTierIds(d.tiers));
    const mine = owned(d.tiers);
    d.tiers.forEach((t, i) => {
      const path = `data.tiers.${i}.grades`;
      if (t.grades.length === 0) {
        found.push({
          code: 'empty_tier',
          severity: 'error',
          path,
          message: `Tier "${t.label}" has no grades: pick at least one.`,
        });
        return;
      }
      const lost = GRADES.filter((g) => t.grades.includes(g) && !mine[i]!.includes(g));
      if (lost.length === 0) return;
      const above = (g: GradeName) => d.tiers.find((x) => x.grades.includes(g))!.label;
      const where = [...new Set(lost.map(above))].map(q).join(' and ');
      found.push(
        mine[i]!.length === 0
          ? {
              code: 'tier_unreachable',
              severity: 'error',
              path,
              message: `No lead can reach tier "${t.label}": ${list(lost)} ${lost.length === 1 ? 'is' : 'are'} already taken by ${where} above it.`,
            }
          : {
              code: 'grade_in_two_tiers',
              severity: 'warning',
              path,
              message: `${list(lost)} ${lost.length === 1 ? 'is' : 'are'} also in ${where} above, which takes those leads first: remove ${lost.length === 1 ? 'it' : 'them'} from "${t.label}".`,
            },
      );
    });
    return found;
  },
  when: (d, port) => {
    const i = d.tiers.findIndex((t) => t.id === port);
    const grades = i < 0 ? rest(d.tiers) : owned(d.tiers)[i]!;
    if (grades.length === 0) return i < 0 ? 'never: every grade has a tier' : 'never';
    return conditionText({ type: 'grade', grades }, []);
  },
  summary: (d) =>
    `grade: ${d.tiers.map((t) => `${t.label} ${t.grades.join(' ')}`).join(', ')}, else ${d.elseLabel}`,
  describe: (d, ctx) => {
    const tiers = owned(d.tiers)
      .map((grades, i) => `${list(grades)} is ${d.tiers[i]!.label}`)
      .join(', ');
    return `${ctx.label || 'Grade tiers'} sorts leads by grade (fit × engagement): ${tiers}, any other grade is ${d.elseLabel}.`;
  },
  diff: diffGradeTiers,
  compile: (d, ctx) => {
    if (!ctx.grade) throw new Error('grade tiers need grade bands; validate the workflow first');
    const g = gradeLogic(ctx.grade);
    const arms: JsonLogic[] = d.tiers.flatMap((t) => [{ in: [g, [...t.grades]] }, t.id]);
    return { grade: g, select: { if: [...arms, 'else'] }, labels: tierLabels(d.tiers, d.elseLabel) };
  },
  fuse: (node, ctx) =>
    fuseSelect(node, ctx, () => {
      const grade = ctx.expr(node.grade);
      const { fit, engagement } = ctx.score;
      const name = ctx.constant(exitNames(node.labels));
      return (
        grade &&
        `${JSON.stringify(`${node.label}: grade `)}+String(${grade})+" (fit "+${fit}+", engagement "+${engagement}+") → "+${name}(p)+"."`
      );
    }),
  sql: (d, ctx) => {
    if (!ctx.grade) throw new Error('grade tiers need grade bands; validate the workflow first');
    const g = gradeSql(ctx.grade, ctx.score.fit, ctx.score.engagement, ctx.sql);
    return {
      exits: [
        ...d.tiers
          .filter((t) => t.grades.length > 0)
          .map((t) => ({ when: `${g} IN (${t.grades.map((x) => ctx.sql.text(x)).join(', ')})`, port: t.id })),
        { port: 'else' },
      ],
    };
  },
  prepare: (node, { logic }) => {
    const select = logic(node.select);
    const gradeOf = logic(node.grade);
    const lead = `${node.label}: grade `;
    const name = exitNames(node.labels);
    return (s) => {
      const port = String(select(s.data));
      if (!s.explain) return port;
      const { fit, engagement } = s.data.score;
      s.reasons.push(
        `${lead}${String(gradeOf(s.data))} (fit ${fit}, engagement ${engagement}) → ${name(port)}.`,
      );
      return port;
    };
  },
});
