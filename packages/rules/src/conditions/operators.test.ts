import { FIELD_TYPES, type FieldType, OPERATOR_NAMES, operatorOf, operatorsForType } from '@qualify/rules';
import { describe, expect, it } from 'vitest';

describe('the operator table', () => {
  it.each<[FieldType, string[]]>([
    ['number', ['gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'between', 'in', 'notIn', 'present', 'missing']],
    [
      'string',
      [
        'eq',
        'neq',
        'in',
        'notIn',
        'contains',
        'containsAny',
        'startsWith',
        'endsWith',
        'freeMail',
        'present',
        'missing',
      ],
    ],
    ['boolean', ['eq', 'neq', 'present', 'missing']],
    ['enum', ['eq', 'neq', 'in', 'notIn', 'present', 'missing']],
    ['date', ['withinDays', 'olderThanDays', 'before', 'after', 'present', 'missing']],
    ['stringList', ['contains', 'containsAny', 'present', 'missing']],
  ])('offers a %s field these operators, in this order', (type, ops) => {
    expect(operatorsForType(type)).toEqual(ops);
  });

  it('gives every operator a field type, and each menu distinct words', () => {
    for (const op of OPERATOR_NAMES) expect(operatorOf(op)!.types.length, op).toBeGreaterThan(0);
    for (const type of FIELD_TYPES) {
      const labels = operatorsForType(type).map((op) => operatorOf(op)!.label);
      expect(new Set(labels).size, type).toBe(labels.length);
    }
  });

  it('knows no operator by a name every object has', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '']) {
      expect(operatorOf(name)).toBeUndefined();
    }
  });
});
