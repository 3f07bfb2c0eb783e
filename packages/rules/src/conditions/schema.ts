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
export type Condition = Comparison | Group;

/** Comparisons and groups combined with AND (`all`) or OR (`any`). */
export const GroupSchema = z.object({
  type: z.literal('group'),
  match: z.enum(['all', 'any']),
  conditions: z.array(z.lazy(() => ConditionSchema)).max(200),
});

/** Comparisons combined with AND (`all`) / OR (`any`) groups that nest. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  // Discriminated on `type`, so a mistake inside a comparison is reported at its own path.
  z.discriminatedUnion('type', [ComparisonSchema, GroupSchema]),
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
