import {
  type Comparison,
  type Field,
  type FieldCatalogue,
  OPERATOR_INFO,
  OPERATORS,
  OPERATORS_BY_TYPE,
  type Operator,
} from '@qualify/rules';

/** Operators offered for a field: those its type allows, or all when the field is unknown. */
export const operatorsFor = (field: Field | undefined): readonly Operator[] =>
  field ? OPERATORS_BY_TYPE[field.type] : OPERATORS;

const today = () => new Date().toISOString().slice(0, 10);

/** A sensible starting value when the field or operator of a comparison changes. */
export function defaultValue(field: Field | undefined, op: Operator): Comparison['value'] {
  const shape = OPERATOR_INFO[op].operand;
  if (shape === 'none') return undefined;
  if (shape === 'days') return 30;
  const enumFirst = field?.values?.[0] ?? '';
  if (shape === 'range') return field?.type === 'date' ? [today(), today()] : [0, 100];
  if (shape === 'list') return field?.type === 'enum' ? [enumFirst] : [];
  switch (field?.type) {
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'enum':
      return enumFirst;
    case 'date':
      return today();
    default:
      return '';
  }
}

/** The catalogue field whose path or label names a criterion ("Budget" → `budget`), if any. */
export function fieldNamed(fields: FieldCatalogue, name: string | undefined): Field | undefined {
  if (!name) return undefined;
  const key = name.toLowerCase().replace(/[^a-z]/g, '');
  if (!key) return undefined;
  return fields.find((f) => {
    const path = f.path.toLowerCase().replace(/[^a-z]/g, '');
    const label = f.label.toLowerCase().replace(/[^a-z]/g, '');
    return path === key || path.endsWith(key) || label.startsWith(key);
  });
}

/** A new comparison on the field named like `prefer` (a criterion), else the first catalogue field. */
export function newComparison(fields: FieldCatalogue, prefer?: string): Comparison {
  const field = fieldNamed(fields, prefer) ?? fields[0];
  const op = operatorsFor(field)[0] ?? 'present';
  const value = defaultValue(field, op);
  const base: Comparison = { type: 'compare', field: field?.path ?? '', op };
  return value === undefined ? base : { ...base, value };
}

/** Keeps the value when it still fits the new operator's shape, else starts afresh. */
export function retarget(c: Comparison, field: Field | undefined, op: Operator): Comparison {
  const sameShape = OPERATOR_INFO[op].operand === OPERATOR_INFO[c.op].operand && field?.path === c.field;
  const value = sameShape ? c.value : defaultValue(field, op);
  const base: Comparison = { type: 'compare', field: field?.path ?? c.field, op };
  return value === undefined ? base : { ...base, value };
}
