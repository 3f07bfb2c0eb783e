import type { Comparison, Condition } from '../model/condition.ts';
import { dateValue } from '../model/dates.ts';
import { type FieldCatalogue, findField } from '../model/fields.ts';
import { FREE_MAIL_DOMAINS } from '../model/free-mail.ts';
import { DAY_MS, type JsonLogic, MET, NOT_MET, UNKNOWN } from '../model/logic.ts';

/** The JSON-logic variable that reads a catalogue field of the normalised lead. */
export const leadVar = (path: string): JsonLogic => ({ var: `lead.${path}` });
const NOW: JsonLogic = { var: 'now' };

/**
 * True when a field of the normalised lead is missing. Strict equality with null: `var` answers null for
 * an absent key in every conforming engine, while loose `==` with null differs between engines
 * (json-logic-engine counts `0 == null` as true).
 */
export const isMissingLogic = (path: string): JsonLogic => ({ '===': [leadVar(path), null] });

const lower = (v: unknown): JsonLogic => (typeof v === 'string' ? v.trim().toLowerCase() : (v as JsonLogic));
const list = (v: unknown): JsonLogic[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as JsonLogic[];

/** Date operands are written as ISO 8601 dates; the normalised lead holds epoch milliseconds. */
export const dateOperand = (v: unknown): number => dateValue(v);

/** A plain boolean test of a present value; presence is handled by the caller. */
function test(c: Comparison, type: string): JsonLogic {
  const v = leadVar(c.field);
  const textual = type === 'string' || type === 'stringList';
  const value = textual ? lower(c.value) : (c.value as JsonLogic);
  const values = textual ? list(c.value).map(lower) : list(c.value);
  switch (c.op) {
    case 'eq':
      return { '===': [v, value] };
    case 'neq':
      return { '!==': [v, value] };
    case 'gt':
      return { '>': [v, value] };
    case 'gte':
      return { '>=': [v, value] };
    case 'lt':
      return { '<': [v, value] };
    case 'lte':
      return { '<=': [v, value] };
    case 'between':
      return { '<=': [values[0] ?? null, v, values[1] ?? null] };
    case 'in':
      return { in: [v, values] };
    case 'notIn':
      return { '!': { in: [v, values] } };
    case 'contains':
      return { in: [value, v] };
    case 'containsAny':
      return type === 'stringList'
        ? { some: [v, { in: [{ var: '' }, values] }] }
        : { or: values.map((w) => ({ in: [w, v] })) };
    case 'startsWith':
      return { '===': [{ substr: [v, 0, String(value).length] }, value] };
    case 'endsWith':
      return { '===': [{ substr: [v, -String(value).length] }, value] };
    case 'freeMail':
      return { or: FREE_MAIL_DOMAINS.map((d) => ({ '===': [{ substr: [v, -(d.length + 1)] }, `@${d}`] })) };
    case 'withinDays':
      return { '>=': [v, { '-': [NOW, Number(c.value) * DAY_MS] }] };
    case 'olderThanDays':
      return { '<': [v, { '-': [NOW, Number(c.value) * DAY_MS] }] };
    case 'before':
      return { '<': [v, dateOperand(c.value)] };
    case 'after':
      return { '>': [v, dateOperand(c.value)] };
    case 'present':
    case 'missing':
      throw new Error(`${c.op} has no value test`);
  }
}

function comparisonLogic(c: Comparison, fields: FieldCatalogue): JsonLogic {
  const field = findField(fields, c.field);
  const isMissing = isMissingLogic(c.field);
  if (c.op === 'present') return { if: [isMissing, NOT_MET, MET] };
  if (c.op === 'missing') return { if: [isMissing, MET, NOT_MET] };
  // A missing field makes the comparison UNKNOWN: it neither earns points nor fails a criterion.
  return { if: [isMissing, UNKNOWN, test(c, field?.type ?? 'string'), MET, NOT_MET] };
}

/**
 * Compiles a condition into standard JSON-logic whose value is MET (1), NOT_MET (0) or UNKNOWN (0.5).
 * `all` is the minimum and `any` the maximum of its parts (Kleene logic), so the output is linear in
 * the size of the condition. Assumes a validated condition and a lead normalised by `normalizeLead`.
 */
export function conditionLogic(condition: Condition, fields: FieldCatalogue): JsonLogic {
  if (condition.type === 'compare') return comparisonLogic(condition, fields);
  const parts = condition.conditions.map((c) => conditionLogic(c, fields));
  if (parts.length === 0) return condition.match === 'all' ? MET : NOT_MET;
  if (parts.length === 1) return parts[0]!;
  return { [condition.match === 'all' ? 'min' : 'max']: parts };
}
