import {
  type Comparison,
  type Field,
  type FieldCatalogue,
  OPERATOR_NAMES,
  type Operator,
  operatorOf,
  operatorsForType,
} from '@qualify/rules';

/** Operators offered for a field: those its type allows, or all when the field is unknown. */
export const operatorsFor = (field: Field | undefined): readonly Operator[] =>
  field ? operatorsForType(field.type) : OPERATOR_NAMES;

const today = () => new Date().toISOString().slice(0, 10);

/** A sensible starting value when the field or operator of a comparison changes. */
export function defaultValue(field: Field | undefined, op: string): Comparison['value'] {
  return operatorOf(op)?.operand.initial(field, today());
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
export function retarget(c: Comparison, field: Field | undefined, op: string): Comparison {
  const shape = (name: string) => operatorOf(name)?.operand.shape;
  const sameShape = shape(op) === shape(c.op) && field?.path === c.field;
  const value = sameShape ? c.value : defaultValue(field, op);
  const base: Comparison = { type: 'compare', field: field?.path ?? c.field, op };
  return value === undefined ? base : { ...base, value };
}
