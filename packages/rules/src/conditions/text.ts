import { orList } from '../diff/words.ts';
import { choiceLabel, type FieldCatalogue, findField } from '../model/fields.ts';
import { fmt } from './operands.ts';
import { operatorOf, sentenceOf } from './operators.ts';
import type { Comparison, Condition, EventsCondition, GradeCondition } from './schema.ts';
import type { ConditionScope } from './scope.ts';

function comparisonText(c: Comparison, fields: FieldCatalogue): string {
  const field = findField(fields, c.field);
  const name = field?.label ?? c.field;
  const op = operatorOf(c.op);
  // An unknown operator (the validator reports it) still reads as what the document says.
  if (!op) return c.value === undefined ? `${name} ${c.op}` : `${name} ${c.op} ${fmt(c.value)}`;
  // A choice's values read as their labels ("Authority is Decision maker").
  const shown = (v: string | number | boolean) => (typeof v === 'string' ? choiceLabel(field, v) : v);
  const value = Array.isArray(c.value)
    ? c.value.map(shown)
    : c.value === undefined
      ? undefined
      : shown(c.value);
  const values = Array.isArray(value) ? value : [value];
  return sentenceOf(op, { name, label: op.label, type: field?.type, value, values });
}

const COUNT_WORDS = { gte: 'at least', lte: 'at most', eq: 'exactly' } as const;

/** "at least 3 events where (Event type is page_view and Page contains /pricing) in the last 7 days". */
export function eventsText(c: EventsCondition, scope: ConditionScope): string {
  const n = c.count.value;
  const where = conditionText(c.where, scope.events ?? [], {}, true);
  const what = where === 'always' ? '' : ` where ${where}`;
  const when =
    c.withinDays === undefined
      ? ''
      : ` in the last ${fmt(c.withinDays)} ${c.withinDays === 1 ? 'day' : 'days'}`;
  return `${COUNT_WORDS[c.count.op]} ${fmt(n)} ${n === 1 ? 'event' : 'events'}${what}${when}`;
}

function gradeText(c: GradeCondition): string {
  if (c.grades.length === 0) return 'the grade is none of the grades';
  return `the grade is ${orList(c.grades)}`;
}

/** A condition as plain words: "Company size is at least 50 and (Need is High or Budget is known)". */
export function conditionText(
  condition: Condition,
  fields: FieldCatalogue,
  scope: ConditionScope = {},
  nested = false,
): string {
  if (condition.type === 'compare') return comparisonText(condition, fields);
  if (condition.type === 'events') return eventsText(condition, scope);
  if (condition.type === 'grade') return gradeText(condition);
  const parts = condition.conditions.map((c) => conditionText(c, fields, scope, true));
  if (parts.length === 0) return condition.match === 'all' ? 'always' : 'never';
  const text = parts.join(condition.match === 'all' ? ' and ' : ' or ');
  return nested && parts.length > 1 ? `(${text})` : text;
}
