import { type FieldCatalogue, findField } from '../model/fields.ts';
import { type JsonLogic, MET, NOT_MET, UNKNOWN } from '../model/logic.ts';
import { operatorOf } from './operators.ts';
import type { Comparison, Condition } from './schema.ts';

/** The JSON-logic variable that reads a catalogue field of the normalised lead. */
export const leadVar = (path: string): JsonLogic => ({ var: `lead.${path}` });

/**
 * True when a field of the normalised lead is missing. Strict equality with null: `var` answers null for
 * an absent key in every conforming engine, while loose `==` with null differs between engines
 * (json-logic-engine counts `0 == null` as true).
 */
export const isMissingLogic = (path: string): JsonLogic => ({ '===': [leadVar(path), null] });

const lower = (v: unknown): JsonLogic => (typeof v === 'string' ? v.trim().toLowerCase() : (v as JsonLogic));
const list = (v: unknown): JsonLogic[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as JsonLogic[];

function comparisonLogic(c: Comparison, fields: FieldCatalogue): JsonLogic {
  const op = operatorOf(c.op);
  if (!op) throw new Error(`"${c.op}" is not an operator; validate the workflow before compiling it`);
  const isMissing = isMissingLogic(c.field);
  if ('presence' in op.compile) return op.compile.presence(isMissing);
  const type = findField(fields, c.field)?.type ?? 'string';
  // Text fields are normalised to trimmed lower case, so their operands are too.
  const textual = type === 'string' || type === 'stringList';
  const test = op.compile.test({
    v: leadVar(c.field),
    value: textual ? lower(c.value) : (c.value as JsonLogic),
    values: textual ? list(c.value).map(lower) : list(c.value),
    raw: c.value,
    type,
  });
  // A missing field makes the comparison UNKNOWN: it neither earns points nor fails a criterion.
  return { if: [isMissing, UNKNOWN, test, MET, NOT_MET] };
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
