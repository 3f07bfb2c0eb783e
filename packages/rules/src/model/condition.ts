import { z } from 'zod';
import type { FieldType } from './fields.ts';

/**
 * Operators a comparison may use. Which ones a field offers depends on its type
 * (OPERATORS_BY_TYPE); the value each one takes is described by OPERATOR_INFO.
 */
export const OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'notIn',
  'contains',
  'containsAny',
  'startsWith',
  'endsWith',
  'present',
  'missing',
  'withinDays',
  'olderThanDays',
  'before',
  'after',
  'freeMail',
] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

/** What value an operator expects: none, one scalar, a pair, a list, a number of days. */
export type OperandShape = 'none' | 'scalar' | 'range' | 'list' | 'days';

export const OPERATOR_INFO: Record<Operator, { label: string; operand: OperandShape }> = {
  eq: { label: 'is', operand: 'scalar' },
  neq: { label: 'is not', operand: 'scalar' },
  gt: { label: 'is more than', operand: 'scalar' },
  gte: { label: 'is at least', operand: 'scalar' },
  lt: { label: 'is less than', operand: 'scalar' },
  lte: { label: 'is at most', operand: 'scalar' },
  between: { label: 'is between', operand: 'range' },
  in: { label: 'is one of', operand: 'list' },
  notIn: { label: 'is none of', operand: 'list' },
  contains: { label: 'contains', operand: 'scalar' },
  containsAny: { label: 'contains any of the words', operand: 'list' },
  startsWith: { label: 'starts with', operand: 'scalar' },
  endsWith: { label: 'ends with', operand: 'scalar' },
  present: { label: 'is known', operand: 'none' },
  missing: { label: 'is missing', operand: 'none' },
  withinDays: { label: 'is within the last', operand: 'days' },
  olderThanDays: { label: 'is more than', operand: 'days' },
  before: { label: 'is before', operand: 'scalar' },
  after: { label: 'is after', operand: 'scalar' },
  freeMail: { label: 'is a free-mail address', operand: 'none' },
};

export const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  number: ['gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'between', 'in', 'notIn', 'present', 'missing'],
  string: [
    'eq',
    'neq',
    'in',
    'notIn',
    'contains',
    'containsAny',
    'startsWith',
    'endsWith',
    'freeMail',
    'present',
    'missing',
  ],
  boolean: ['eq', 'neq', 'present', 'missing'],
  enum: ['eq', 'neq', 'in', 'notIn', 'present', 'missing'],
  date: ['withinDays', 'olderThanDays', 'before', 'after', 'present', 'missing'],
  stringList: ['contains', 'containsAny', 'present', 'missing'],
};

const ScalarSchema = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);

/** One test of one lead field, e.g. `company.size` `gte` 50. */
export const ComparisonSchema = z.object({
  type: z.literal('compare'),
  field: z.string().min(1).max(200),
  op: OperatorSchema,
  value: z.union([ScalarSchema, z.array(ScalarSchema).max(1000)]).optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export type Group = { type: 'group'; match: 'all' | 'any'; conditions: Condition[] };
export type Condition = Comparison | Group;

/** Comparisons combined with AND (`all`) / OR (`any`) groups that nest. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    ComparisonSchema,
    z.object({
      type: z.literal('group'),
      match: z.enum(['all', 'any']),
      conditions: z.array(ConditionSchema).max(200),
    }),
  ]),
);

/** Every comparison in a condition, depth first. */
export function comparisonsOf(condition: Condition): Comparison[] {
  if (condition.type === 'compare') return [condition];
  return condition.conditions.flatMap(comparisonsOf);
}

/** The catalogue fields a condition reads, each once, in first-use order. */
export function fieldsOf(condition: Condition): string[] {
  return [...new Set(comparisonsOf(condition).map((c) => c.field))];
}

export const compare = (field: string, op: Operator, value?: Comparison['value']): Comparison =>
  value === undefined ? { type: 'compare', field, op } : { type: 'compare', field, op, value };
export const all = (...conditions: Condition[]): Group => ({ type: 'group', match: 'all', conditions });
export const any = (...conditions: Condition[]): Group => ({ type: 'group', match: 'any', conditions });
