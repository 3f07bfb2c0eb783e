import { type Comparison, type Condition, OPERATOR_INFO } from '../model/condition.ts';
import { type FieldCatalogue, findField } from '../model/fields.ts';

const fmt = (v: unknown): string => {
  if (typeof v === 'number') return v.toLocaleString('en-US');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
};

function listText(values: unknown[], joiner: 'or' | 'and'): string {
  const parts = values.map(fmt);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${joiner} ${parts.at(-1)}`;
}

function comparisonText(c: Comparison, fields: FieldCatalogue): string {
  const field = findField(fields, c.field);
  const name = field?.label ?? c.field;
  const info = OPERATOR_INFO[c.op];
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (field?.type === 'boolean' && (c.op === 'eq' || c.op === 'neq')) {
    const yes = (c.value === true) === (c.op === 'eq');
    return yes ? name : `not ${name}`;
  }
  switch (info.operand) {
    case 'none':
      return `${name} ${info.label}`;
    case 'range':
      return `${name} is between ${fmt(values[0])} and ${fmt(values[1])}`;
    case 'list':
      return `${name} ${info.label} ${listText(values, 'or')}`;
    case 'days':
      return c.op === 'withinDays'
        ? `${name} is within the last ${fmt(c.value)} days`
        : `${name} is more than ${fmt(c.value)} days ago`;
    default:
      return `${name} ${info.label} ${fmt(c.value)}`;
  }
}

/** A condition as plain words: "Company size is at least 50 and (Need is high or Budget is known)". */
export function conditionText(condition: Condition, fields: FieldCatalogue, nested = false): string {
  if (condition.type === 'compare') return comparisonText(condition, fields);
  const parts = condition.conditions.map((c) => conditionText(c, fields, true));
  if (parts.length === 0) return condition.match === 'all' ? 'always' : 'never';
  const text = parts.join(condition.match === 'all' ? ' and ' : ' or ');
  return nested && parts.length > 1 ? `(${text})` : text;
}
