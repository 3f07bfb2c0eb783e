import { type FieldCatalogue, type FieldType, foldMissing, missingValuesOf } from '../model/fields.ts';
import type { Issue } from '../model/workflow.ts';

/** Types a lead id can be read from (the log records it as text), and how the others read in a sentence. */
const NOT_AN_ID: Partial<Record<FieldType, string>> = {
  boolean: 'a yes / no',
  enum: 'a choice',
  date: 'a date',
  stringList: 'a list',
};

/**
 * The catalogue itself: unique paths, enums with values, no path that is also the parent of another,
 * at most one lead-id field and one current-stage field, and no allowed value that also counts as missing.
 */
export function checkFields(fields: FieldCatalogue, missingValues: readonly string[] = []): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const path = `fields.${i}`;
    if (seen.has(f.path)) {
      issues.push({
        code: 'duplicate_field',
        severity: 'error',
        path,
        message: `The field "${f.path}" is listed twice.`,
      });
    }
    seen.add(f.path);
    if (f.type === 'enum' && !f.values?.length) {
      issues.push({
        code: 'enum_without_values',
        severity: 'error',
        path: `${path}.values`,
        message: `${f.label} is a choice field with no values: list the values it can take.`,
      });
    }
    if (f.type === 'enum' && f.values?.length) {
      const missing = new Set(missingValuesOf(f, missingValues));
      const both = f.values.filter((v) => missing.has(foldMissing(v)));
      if (both.length) {
        const list = f.missingValues
          ? 'its own list of values that mean missing'
          : "the workflow's list of values that mean missing";
        issues.push({
          code: 'allowed_value_missing',
          severity: 'warning',
          path: f.missingValues ? `${path}.missingValues` : `${path}.values`,
          message: `${f.label}: ${both.map((v) => `"${v}"`).join(', ')} ${both.length === 1 ? 'is an allowed value' : 'are allowed values'} but also in ${list}, so a lead answering ${both.length === 1 ? 'it' : 'them'} is read as missing. Remove ${both.length === 1 ? 'it' : 'them'} from one of the two lists.`,
        });
      }
    }
    if (f.leadId && NOT_AN_ID[f.type]) {
      issues.push({
        code: 'lead_id_type',
        severity: 'error',
        path: `${path}.leadId`,
        message: `${f.label} is marked as the lead's id, but an id is text or a number, not ${NOT_AN_ID[f.type]} field.`,
      });
    }
  });
  const stageFields = fields.flatMap((f, i) => (f.currentStage ? [i] : []));
  for (const i of stageFields) {
    const f = fields[i]!;
    if (f.type !== 'string' && f.type !== 'enum') {
      issues.push({
        code: 'current_stage_type',
        severity: 'error',
        path: `fields.${i}.currentStage`,
        message: `${f.label} is marked as the lead's current stage, but a stage is text (such as "SQL") or a choice, not a ${f.type} field.`,
      });
    }
  }
  for (const i of stageFields.slice(1)) {
    issues.push({
      code: 'several_current_stages',
      severity: 'error',
      path: `fields.${i}.currentStage`,
      message: `Only one field can hold the lead's current stage: ${fields[stageFields[0]!]!.label} and ${fields[i]!.label} are both marked.`,
    });
  }
  const ids = fields.flatMap((f, i) => (f.leadId ? [i] : []));
  for (const i of ids.slice(1)) {
    issues.push({
      code: 'several_lead_ids',
      severity: 'error',
      path: `fields.${i}.leadId`,
      message: `Only one field can be the lead's id: ${fields[ids[0]!]!.label} and ${fields[i]!.label} are both marked.`,
    });
  }
  for (const f of fields) {
    if (fields.some((g) => g.path.startsWith(`${f.path}.`))) {
      issues.push({
        code: 'field_path_conflict',
        severity: 'error',
        path: 'fields',
        message: `"${f.path}" is a field and also the parent of other fields; rename one of them.`,
      });
    }
  }
  return issues;
}
