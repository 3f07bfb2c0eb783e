import { type FieldCatalogue, findField } from '../model/fields.ts';
import { GRADES } from '../model/grade.ts';
import type { Issue } from '../model/workflow.ts';
import { operatorOf, operatorsForType } from './operators.ts';
import type { Comparison, Condition, EventsCondition, GradeCondition } from './schema.ts';
import type { ConditionScope } from './scope.ts';

type Finding = Omit<Issue, 'nodeId'>;

/** "gte (is at least), gt (is more than)": operator names as a document writes them, with their words. */
const named = (ops: readonly string[]) => ops.map((op) => `${op} (${operatorOf(op)?.label})`).join(', ');

/** Where a comparison's field comes from: the lead field catalogue, or the catalogue's event properties. */
type Within = 'lead' | 'event';

/** Operators that read the evaluation time: inside an event's `where`, the events condition's window says that. */
const RELATIVE = new Set(['withinDays', 'olderThanDays']);

const finding = (code: string, path: string, message: string): Finding[] => [
  { code, severity: 'error', path, message },
];

function checkComparison(c: Comparison, fields: FieldCatalogue, path: string, within: Within): Finding[] {
  const field = findField(fields, c.field);
  if (!field) {
    return within === 'lead'
      ? finding(
          'unknown_field',
          `${path}.field`,
          `"${c.field}" is not in the lead field catalogue: add it there or pick another field.`,
        )
      : finding(
          'unknown_event_property',
          `${path}.field`,
          `"${c.field}" is not an event property in the catalogue: add it to the catalogue's events (${fields.map((f) => f.path).join(', ') || 'none listed yet'}) or pick another.`,
        );
  }
  const op = operatorOf(c.op);
  if (!op) {
    return finding(
      'unknown_operator',
      `${path}.op`,
      `"${c.op}" is not an operator. ${field.label} is a ${field.type} field; its operators are ${named(operatorsForType(field.type))}.`,
    );
  }
  if (!op.types.includes(field.type)) {
    return finding(
      'operator_type_mismatch',
      `${path}.op`,
      `"${op.label}" does not apply to ${field.label}, a ${field.type} field.`,
    );
  }
  if (within === 'event' && RELATIVE.has(c.op)) {
    return finding(
      'relative_date_in_event',
      `${path}.op`,
      `${field.label} "${op.label}" counts from now, which an event's properties cannot: set "in the last N days" on the events condition instead.`,
    );
  }
  const want = op.operand.check(c.value, field);
  return want
    ? finding('value_type_mismatch', `${path}.value`, `${field.label} ${op.label} needs ${want}.`)
    : [];
}

function checkEvents(c: EventsCondition, scope: ConditionScope, path: string, within: Within): Finding[] {
  if (within === 'event') {
    return finding(
      'events_in_events',
      path,
      'An events condition cannot sit inside the "where" of another: put both side by side in a group.',
    );
  }
  return checkIn(c.where, scope.events ?? [], scope, `${path}.where`, 'event', true);
}

function checkGrade(c: GradeCondition, scope: ConditionScope, path: string, within: Within): Finding[] {
  if (within === 'event')
    return finding(
      'grade_in_events',
      path,
      "An event's properties have no grade: test the grade outside the events condition.",
    );
  if (!scope.grade) {
    return finding(
      'grade_without_bands',
      path,
      'This condition tests the grade, but the workflow has no grade bands: add them under Scoring (grade).',
    );
  }
  if (c.grades.length === 0)
    return finding('empty_condition', `${path}.grades`, 'Pick at least one grade (A1 to C3).');
  const unknown = c.grades.filter((g) => !(GRADES as readonly string[]).includes(g));
  return unknown.length
    ? finding(
        'unknown_grade',
        `${path}.grades`,
        `${unknown.map((g) => `"${g}"`).join(', ')} ${unknown.length === 1 ? 'is not a grade' : 'are not grades'}: grades are ${GRADES.join(', ')}.`,
      )
    : [];
}

function checkIn(
  condition: Condition,
  fields: FieldCatalogue,
  scope: ConditionScope,
  path: string,
  within: Within,
  emptyAllowed = false,
): Finding[] {
  if (condition.type === 'compare') return checkComparison(condition, fields, path, within);
  if (condition.type === 'events') return checkEvents(condition, scope, path, within);
  if (condition.type === 'grade') return checkGrade(condition, scope, path, within);
  // An events condition's `where` may be empty: then it counts every event.
  if (condition.conditions.length === 0 && !emptyAllowed) {
    return finding('empty_condition', path, 'This condition group is empty: add at least one test.');
  }
  return condition.conditions.flatMap((c, i) => checkIn(c, fields, scope, `${path}.conditions.${i}`, within));
}

/**
 * Checks a condition against the catalogue: known fields, operators fit for their type, values fit for
 * both; events conditions against the catalogue's event properties, grade conditions against the bands.
 */
export function checkCondition(
  condition: Condition,
  fields: FieldCatalogue,
  path: string,
  scope: ConditionScope = {},
): Finding[] {
  return checkIn(condition, fields, scope, path, 'lead');
}
