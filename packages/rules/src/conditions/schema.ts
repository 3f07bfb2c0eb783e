import { z } from 'zod';
import type { Operator } from './operators.ts';

const ScalarSchema = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);

/**
 * One test of one lead field, e.g. `company.size` `gte` 50. The operator is any short name here, so an
 * unknown one is reported by the validator on its node, naming the operators its field offers, instead
 * of failing the node's whole schema (which would hide the node from every later check).
 */
export const ComparisonSchema = z.object({
  type: z.literal('compare'),
  field: z.string().min(1).max(200),
  op: z.string().min(1).max(50),
  value: z.union([ScalarSchema, z.array(ScalarSchema).max(1000)]).optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export type Group = { type: 'group'; match: 'all' | 'any'; conditions: Condition[] };

/** How an events condition compares its count: at least, at most or exactly `value` events. */
export const COUNT_OPS = ['gte', 'lte', 'eq'] as const;
export type CountOp = (typeof COUNT_OPS)[number];

/**
 * Counts the lead's events that match `where` (a condition over the catalogue's event properties, such
 * as `type` is page_view and `url` contains /pricing) and happened within the last `withinDays` days
 * (any time when left out), and compares the count: "at least 3 pricing page views in the last 7 days".
 * A lead without an events list makes it unknown; an empty list counts 0.
 */
export type EventsCondition = {
  type: 'events';
  where: Condition;
  withinDays?: number;
  count: { op: CountOp; value: number };
};

/** The lead's grade (fit × engagement, A1 to C3) is one of `grades`. */
export type GradeCondition = { type: 'grade'; grades: string[] };

export type Condition = Comparison | Group | EventsCondition | GradeCondition;

export const EventsConditionSchema = z.object({
  type: z.literal('events'),
  where: z.lazy(() => ConditionSchema),
  withinDays: z.number().int('a whole number of days').min(1).max(3650).optional(),
  count: z.object({
    op: z.enum(COUNT_OPS),
    value: z.number().int('a whole number of events').min(0).max(1000),
  }),
});

export const GradeConditionSchema = z.object({
  type: z.literal('grade'),
  grades: z.array(z.string().min(1).max(10)).max(9),
});

/** Comparisons and groups combined with AND (`all`) or OR (`any`). */
export const GroupSchema = z.object({
  type: z.literal('group'),
  match: z.enum(['all', 'any']),
  conditions: z.array(z.lazy(() => ConditionSchema)).max(200),
});

/** Comparisons combined with AND (`all`) / OR (`any`) groups that nest. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  // Discriminated on `type`, so a mistake inside a comparison is reported at its own path.
  z.discriminatedUnion('type', [ComparisonSchema, GroupSchema, EventsConditionSchema, GradeConditionSchema]),
);

/** Every comparison of lead fields in a condition, depth first (not those inside an events condition). */
export function comparisonsOf(condition: Condition): Comparison[] {
  if (condition.type === 'compare') return [condition];
  if (condition.type === 'group') return condition.conditions.flatMap(comparisonsOf);
  return [];
}

/** Every events condition in a condition, depth first (not nested inside another one's `where`). */
export function eventConditionsOf(condition: Condition): EventsCondition[] {
  if (condition.type === 'events') return [condition];
  if (condition.type === 'group') return condition.conditions.flatMap(eventConditionsOf);
  return [];
}

/**
 * The catalogue fields a condition reads, each once, in first-use order; an events condition reads the
 * lead's `events` list (`EVENTS_PATH`), which is never a catalogue field.
 */
export function fieldsOf(condition: Condition): string[] {
  const paths = comparisonsOf(condition).map((c) => c.field);
  if (eventConditionsOf(condition).length) paths.push('events');
  return [...new Set(paths)];
}

/** Whether a condition reads the grade (so the score is read mid-path). */
export function readsGrade(condition: Condition): boolean {
  if (condition.type === 'grade') return true;
  return condition.type === 'group' && condition.conditions.some(readsGrade);
}

export const compare = (field: string, op: Operator, value?: Comparison['value']): Comparison =>
  value === undefined ? { type: 'compare', field, op } : { type: 'compare', field, op, value };
export const all = (...conditions: Condition[]): Group => ({ type: 'group', match: 'all', conditions });
export const any = (...conditions: Condition[]): Group => ({ type: 'group', match: 'any', conditions });

/** "At least `value` events matching `where` in the last `withinDays` days." */
export const events = (
  where: Condition,
  count: EventsCondition['count'],
  withinDays?: number,
): EventsCondition =>
  withinDays === undefined ? { type: 'events', where, count } : { type: 'events', where, withinDays, count };
