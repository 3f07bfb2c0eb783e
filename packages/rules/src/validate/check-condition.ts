import { dateOperand } from '../compile/condition-logic.ts';
import { type Comparison, type Condition, OPERATOR_INFO, OPERATORS_BY_TYPE } from '../model/condition.ts';
import { type Field, type FieldCatalogue, findField } from '../model/fields.ts';
import type { Issue } from '../model/workflow.ts';

type Finding = Omit<Issue, 'nodeId'>;

function scalarFits(field: Field, v: unknown, op: Comparison['op']): string | null {
  if (op === 'withinDays' || op === 'olderThanDays') {
    return typeof v === 'number' && v >= 0 && Number.isFinite(v) ? null : 'a number of days (0 or more)';
  }
  switch (field.type) {
    case 'number':
      return typeof v === 'number' ? null : 'a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'yes or no';
    case 'date':
      return Number.isFinite(dateOperand(v)) ? null : 'a date such as 2026-01-31';
    case 'enum':
      return typeof v === 'string' && (field.values ?? []).includes(v)
        ? null
        : `one of ${(field.values ?? []).join(', ') || '(the field lists no values)'}`;
    default:
      return typeof v === 'string' && v.trim() !== '' ? null : 'some text';
  }
}

function checkComparison(c: Comparison, fields: FieldCatalogue, path: string): Finding[] {
  const field = findField(fields, c.field);
  if (!field) {
    return [
      {
        code: 'unknown_field',
        severity: 'error',
        path: `${path}.field`,
        message: `"${c.field}" is not in the lead field catalogue: add it there or pick another field.`,
      },
    ];
  }
  if (!OPERATORS_BY_TYPE[field.type].includes(c.op)) {
    return [
      {
        code: 'operator_type_mismatch',
        severity: 'error',
        path: `${path}.op`,
        message: `"${OPERATOR_INFO[c.op].label}" does not apply to ${field.label}, a ${field.type} field.`,
      },
    ];
  }
  const shape = OPERATOR_INFO[c.op].operand;
  const bad = (expected: string): Finding[] => [
    {
      code: 'value_type_mismatch',
      severity: 'error',
      path: `${path}.value`,
      message: `${field.label} ${OPERATOR_INFO[c.op].label} needs ${expected}.`,
    },
  ];
  if (shape === 'none') return [];
  if (shape === 'range') {
    if (!Array.isArray(c.value) || c.value.length !== 2) return bad('two values, from and to');
    for (const v of c.value) {
      const want = scalarFits(field, v, c.op);
      if (want) return bad(`${want} at both ends`);
    }
    if ((c.value[0] as number) > (c.value[1] as number)) return bad('a "from" no greater than its "to"');
    return [];
  }
  if (shape === 'list') {
    if (!Array.isArray(c.value) || c.value.length === 0) return bad('a list of at least one value');
    const itemType = c.op === 'containsAny' ? { ...field, type: 'string' as const } : field;
    for (const v of c.value) {
      const want = scalarFits(itemType, v, c.op);
      if (want) return bad(`a list where each value is ${want}`);
    }
    return [];
  }
  const scalarField = field.type === 'stringList' ? { ...field, type: 'string' as const } : field;
  const want = scalarFits(scalarField, c.value, c.op);
  return want ? bad(want) : [];
}

/** Checks a condition against the catalogue: known fields, operators fit for their type, values fit for both. */
export function checkCondition(condition: Condition, fields: FieldCatalogue, path: string): Finding[] {
  if (condition.type === 'compare') return checkComparison(condition, fields, path);
  if (condition.conditions.length === 0) {
    return [
      {
        code: 'empty_condition',
        severity: 'error',
        path,
        message: 'This condition group is empty: add at least one test.',
      },
    ];
  }
  return condition.conditions.flatMap((c, i) => checkCondition(c, fields, `${path}.conditions.${i}`));
}
