import { type FieldCatalogue, findField } from '../model/fields.ts';
import { gradeLogic } from '../model/grade.ts';
import { DAY_MS, type JsonLogic, MET, NOT_MET, UNKNOWN } from '../model/logic.ts';
import { operatorOf } from './operators.ts';
import type { Comparison, Condition, EventsCondition, GradeCondition } from './schema.ts';
import type { ConditionScope } from './scope.ts';

/** The JSON-logic variable that reads a catalogue field of the normalised lead. */
export const leadVar = (path: string): JsonLogic => ({ var: `lead.${path}` });

/**
 * True when a field of the normalised lead is missing. Strict equality with null: `var` answers null for
 * an absent key in every conforming engine, while loose `==` with null differs between engines
 * (json-logic-engine counts `0 == null` as true).
 */
export const isMissingLogic = (path: string): JsonLogic => ({ '===': [leadVar(path), null] });

/** How a comparison names what it reads: a lead field (`lead.x`), or a property of the event in hand (`x`). */
type Reader = (path: string) => JsonLogic;
const itemVar: Reader = (path) => ({ var: path });

const lower = (v: unknown): JsonLogic => (typeof v === 'string' ? v.trim().toLowerCase() : (v as JsonLogic));
const list = (v: unknown): JsonLogic[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as JsonLogic[];

function comparisonLogic(c: Comparison, fields: FieldCatalogue, read: Reader): JsonLogic {
  const op = operatorOf(c.op);
  if (!op) throw new Error(`"${c.op}" is not an operator; validate the workflow before compiling it`);
  const isMissing = { '===': [read(c.field), null] };
  if ('presence' in op.compile) return op.compile.presence(isMissing);
  const type = findField(fields, c.field)?.type ?? 'string';
  // Text fields are normalised to trimmed lower case, so their operands are too.
  const textual = type === 'string' || type === 'stringList';
  const test = op.compile.test({
    v: read(c.field),
    value: textual ? lower(c.value) : (c.value as JsonLogic),
    values: textual ? list(c.value).map(lower) : list(c.value),
    raw: c.value,
    type,
  });
  // A missing field makes the comparison UNKNOWN: it neither earns points nor fails a criterion.
  return { if: [isMissing, UNKNOWN, test, MET, NOT_MET] };
}

/** Before this, no event is "too old" when a condition sets no window (below any date the product reads). */
const NO_CUTOFF = -1e16;
const EVENTS_VAR: JsonLogic = { var: 'lead.events' };
const acc = (i: number): JsonLogic => ({ var: `accumulator.${i}` });

/**
 * One pass over the lead's events that match `where` (normalised: `at` in epoch ms, see normalize.ts):
 * `[from, now, count, newest]`, where count is how many happened from `from` to `now` (both included)
 * and newest is the latest such `at` (NO_CUTOFF when none). Standard JSON-logic has no outer scope
 * inside `filter` or `reduce`, so the window travels in the accumulator.
 */
export function eventStatsLogic(c: EventsCondition, scope: ConditionScope): JsonLogic {
  const where = conditionLogicIn(c.where, scope.events ?? [], scope, itemVar);
  const matching: JsonLogic = where === MET ? EVENTS_VAR : { filter: [EVENTS_VAR, { '===': [where, MET] }] };
  const at = { var: 'current.at' };
  const inWindow: JsonLogic = { '<=': [acc(0), at, acc(1)] };
  const from: JsonLogic =
    c.withinDays === undefined ? NO_CUTOFF : { '-': [{ var: 'now' }, c.withinDays * DAY_MS] };
  return {
    reduce: [
      matching,
      [
        acc(0),
        acc(1),
        { '+': [acc(2), { if: [inWindow, 1, 0] }] },
        { if: [{ and: [inWindow, { '>': [at, acc(3)] }] }, at, acc(3)] },
      ],
      [from, { var: 'now' }, 0, NO_CUTOFF],
    ],
  };
}

/** Item `i` of the stats, read by reducing over a one-item list (JSON-logic cannot index a computed value). */
export const statLogic = (stats: JsonLogic, i: 2 | 3): JsonLogic => ({
  reduce: [[stats], { var: `current.${i}` }, 0],
});

/** The count of an events condition's events, or null (unknown) when the lead has no events list. */
export const eventCountLogic = (c: EventsCondition, scope: ConditionScope): JsonLogic => ({
  if: [{ '===': [EVENTS_VAR, null] }, null, statLogic(eventStatsLogic(c, scope), 2)],
});

const COUNT_TESTS = { gte: '>=', lte: '<=', eq: '===' } as const;

function eventsLogic(c: EventsCondition, scope: ConditionScope): JsonLogic {
  const count = statLogic(eventStatsLogic(c, scope), 2);
  const test = { [COUNT_TESTS[c.count.op]]: [count, c.count.value] };
  // No list at all is unknown (the lead's behaviour was never sent); an empty list counts 0.
  return { if: [{ '===': [EVENTS_VAR, null] }, UNKNOWN, test, MET, NOT_MET] };
}

function gradeConditionLogic(c: GradeCondition, scope: ConditionScope): JsonLogic {
  if (!scope.grade) throw new Error('a grade condition needs grade bands; validate the workflow first');
  return { if: [{ in: [gradeLogic(scope.grade), c.grades] }, MET, NOT_MET] };
}

function conditionLogicIn(
  condition: Condition,
  fields: FieldCatalogue,
  scope: ConditionScope,
  read: Reader,
): JsonLogic {
  switch (condition.type) {
    case 'compare':
      return comparisonLogic(condition, fields, read);
    case 'events':
      return eventsLogic(condition, scope);
    case 'grade':
      return gradeConditionLogic(condition, scope);
  }
  const parts = condition.conditions.map((c) => conditionLogicIn(c, fields, scope, read));
  if (parts.length === 0) return condition.match === 'all' ? MET : NOT_MET;
  if (parts.length === 1) return parts[0]!;
  return { [condition.match === 'all' ? 'min' : 'max']: parts };
}

/**
 * Compiles a condition into standard JSON-logic whose value is MET (1), NOT_MET (0) or UNKNOWN (0.5).
 * `all` is the minimum and `any` the maximum of its parts (Kleene logic), so the output is linear in
 * the size of the condition. Assumes a validated condition and a lead normalised by `normalizeLead`.
 */
export function conditionLogic(
  condition: Condition,
  fields: FieldCatalogue,
  scope: ConditionScope = {},
): JsonLogic {
  return conditionLogicIn(condition, fields, scope, leadVar);
}
