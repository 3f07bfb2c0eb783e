import { choiceLabel, type FieldCatalogue, findField } from '../model/fields.ts';
import { fmt } from './operands.ts';
import { operatorOf, sentenceOf } from './operators.ts';
import type { Comparison, Condition } from './schema.ts';

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

/** A condition as plain words: "Company size is at least 50 and (Need is High or Budget is known)". */
export function conditionText(condition: Condition, fields: FieldCatalogue, nested = false): string {
  if (condition.type === 'compare') return comparisonText(condition, fields);
  const parts = condition.conditions.map((c) => conditionText(c, fields, true));
  if (parts.length === 0) return condition.match === 'all' ? 'always' : 'never';
  const text = parts.join(condition.match === 'all' ? ' and ' : ' or ');
  return nested && parts.length > 1 ? `(${text})` : text;
}
