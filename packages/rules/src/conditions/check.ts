import { type FieldCatalogue, findField } from '../model/fields.ts';
import type { Issue } from '../model/workflow.ts';
import { operatorOf, operatorsForType } from './operators.ts';
import type { Comparison, Condition } from './schema.ts';

type Finding = Omit<Issue, 'nodeId'>;

/** "gte (is at least), gt (is more than)": operator names as a document writes them, with their words. */
const named = (ops: readonly string[]) => ops.map((op) => `${op} (${operatorOf(op)?.label})`).join(', ');

function checkComparison(c: Comparison, fields: FieldCatalogue, path: string): Finding[] {
  const field = findField(fields, c.field);
  const finding = (code: string, at: string, message: string): Finding[] => [
    { code, severity: 'error', path: `${path}${at}`, message },
  ];
  if (!field) {
    return finding(
      'unknown_field',
      '.field',
      `"${c.field}" is not in the lead field catalogue: add it there or pick another field.`,
    );
  }
  const op = operatorOf(c.op);
  if (!op) {
    return finding(
      'unknown_operator',
      '.op',
      `"${c.op}" is not an operator. ${field.label} is a ${field.type} field; its operators are ${named(operatorsForType(field.type))}.`,
    );
  }
  if (!op.types.includes(field.type)) {
    return finding(
      'operator_type_mismatch',
      '.op',
      `"${op.label}" does not apply to ${field.label}, a ${field.type} field.`,
    );
  }
  const want = op.operand.check(c.value, field);
  return want ? finding('value_type_mismatch', '.value', `${field.label} ${op.label} needs ${want}.`) : [];
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
