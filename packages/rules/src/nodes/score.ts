import { z } from 'zod';
import { checkCondition } from '../conditions/check.ts';
import { eventStatsLogic, isMissingLogic, leadVar, statLogic } from '../conditions/logic.ts';
import { all, type Condition, ConditionSchema, eventConditionsOf, fieldsOf } from '../conditions/schema.ts';
import type { ConditionScope } from '../conditions/scope.ts';
import { type FieldCatalogue, findField } from '../model/fields.ts';
import { DAY_MS, type JsonLogic, MET } from '../model/logic.ts';
import type { Issue } from '../model/workflow.ts';
import { countsOf } from './event-counts.ts';
import { defineKind } from './kind.ts';
import { scoreSql } from './score-sql.ts';
import { type CompiledScore, fuseScore, prepareScore } from './score-step.ts';
import { diffScore, limitsText, ruleText, signed } from './score-words.ts';

const DecaySchema = z.object({
  /**
   * A date field: when the behaviour happened. Left out, the rule's events condition says when: the
   * newest event it counted (the rule must then have exactly one events condition).
   */
  field: z.string().min(1).max(200).optional(),
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
  /** The group never adds less than this (negative allowed): a floor on the table's sum. */
  floor: z.number().int('a floor is a whole number of points').nullable().default(null),
});
export type ScoreData = z.infer<typeof DataSchema>;
type Data = ScoreData;

/**
 * Points a rule earns, decayed by the age of its event: full within N days, half within 2N, none after.
 * The event is a date field's, or (no field) the newest event the rule's events condition counted.
 */
function pointsLogic(rule: ScoreRule, test: JsonLogic, scope: ConditionScope): JsonLogic {
  if (!rule.decay) return { if: [{ '===': [test, MET] }, rule.points, 0] };
  const field = rule.decay.field;
  const counted = field === undefined ? eventConditionsOf(rule.condition)[0] : undefined;
  const when = counted ? statLogic(eventStatsLogic(counted, scope), 3) : leadVar(field!);
  const age: JsonLogic = { '-': [{ var: 'now' }, when] };
  return {
    if: [
      field === undefined ? { '!==': [test, MET] } : { or: [{ '!==': [test, MET] }, isMissingLogic(field)] },
      0,
      { '<=': [age, rule.decay.days * DAY_MS] },
      rule.points,
      { '<=': [age, 2 * rule.decay.days * DAY_MS] },
      rule.points / 2,
      0,
    ],
  };
}

/** Checks of a rule's decay: a date field, or exactly one events condition counting "at least" one. */
function checkDecay(r: ScoreRule, i: number, fields: FieldCatalogue): Omit<Issue, 'nodeId'>[] {
  if (!r.decay) return [];
  const path = `data.rules.${i}.decay`;
  if (r.decay.field === undefined) {
    const counted = eventConditionsOf(r.condition);
    if (counted.length === 1 && counted[0]!.count.op === 'gte' && counted[0]!.count.value >= 1) return [];
    return [
      {
        code: 'decay_needs_event',
        severity: 'error',
        path,
        message: `${r.label}: decay by event age needs exactly one events condition counting "at least" 1 or more events${counted.length ? '' : ' (this rule has none)'}; or pick a date field to decay by.`,
      },
    ];
  }
  const f = findField(fields, r.decay.field);
  if (f?.type === 'date') return [];
  return [
    {
      code: 'decay_field_not_date',
      severity: 'error',
      path: `${path}.field`,
      message: `${r.label}: decay needs a date field; "${r.decay.field}" is ${f ? `a ${f.type} field` : 'not in the catalogue'}.`,
    },
  ];
}

/** A table of scoring rules adding fit or engagement points; negative points allowed, optional cap, floor and decay. */
export const score = defineKind<Data, CompiledScore>({
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
    floor: null,
  }),
  ports: () => [{ id: 'next', label: 'Next' }],
  reads: (d) => [
    ...new Set(
      d.rules.flatMap((r) => [...fieldsOf(r.condition), ...(r.decay?.field ? [r.decay.field] : [])]),
    ),
  ],
  check: (d, ctx) => {
    const found = d.rules.flatMap((r, i) =>
      checkCondition(r.condition, ctx.fields, `data.rules.${i}.condition`, ctx).map((f) => ({
        ...f,
        message: `${r.label}: ${f.message}`,
      })),
    );
    d.rules.forEach((r, i) => {
      found.push(...checkDecay(r, i, ctx.fields));
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
    if (d.cap !== null && d.floor !== null && d.floor > d.cap) {
      found.push({
        code: 'floor_above_cap',
        severity: 'error',
        path: 'data.floor',
        message: `The floor (${d.floor}) is above the cap (${d.cap}): no sum could satisfy both.`,
      });
    }
    return found;
  },
  summary: (d, ctx) => {
    if (d.rules.length === 1) return ruleText(d.rules[0]!, ctx.fields, ctx);
    const top = d.rules.reduce((sum, r) => sum + Math.max(0, r.points), 0);
    return `${d.rules.length} ${d.scoreType} rules, up to ${signed(d.cap == null ? top : Math.min(top, d.cap))}`;
  },
  describe: (d, ctx) =>
    `${ctx.label || 'Score'} adds ${d.scoreType} points: ${d.rules.map((r) => ruleText(r, ctx.fields, ctx)).join('; ')}${limitsText(
      d,
    )}. Missing data earns no points.`,
  diff: diffScore,
  maxPoints: (d) => {
    const top = d.rules.reduce((sum, r) => sum + Math.max(0, r.points), 0);
    const most = Math.max(d.cap == null ? top : Math.min(top, d.cap), d.floor ?? Number.NEGATIVE_INFINITY);
    return d.scoreType === 'fit' ? { fit: most, engagement: 0 } : { fit: 0, engagement: most };
  },
  compile: (d, ctx) => ({
    scoreType: d.scoreType,
    rules: d.rules.map((r) => {
      return {
        id: r.id,
        label: r.label,
        points: pointsLogic(r, ctx.condition(r.condition), ctx),
        worth: r.points,
        // Engagement is observed (visits, downloads), not asked: questions are for fit and conversation fields.
        reads: fieldsOf(r.condition).flatMap((path) => {
          const field = findField(ctx.fields, path);
          return field && field.category !== 'engagement' ? [{ path, label: field.label }] : [];
        }),
        ...countsOf(r.condition, ctx),
      };
    }),
    cap: d.cap,
    ...(d.floor !== null ? { floor: d.floor } : {}),
    ...(ctx.scoreLimits ? { limits: ctx.scoreLimits } : {}),
  }),
  fuse: fuseScore,
  sql: scoreSql,
  prepare: prepareScore,
});
