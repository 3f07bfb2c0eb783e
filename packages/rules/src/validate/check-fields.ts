import type { FieldCatalogue } from '../model/fields.ts';
import type { Issue } from '../model/workflow.ts';

/** The catalogue itself: unique paths, enums with values, no path that is also the parent of another. */
export function checkFields(fields: FieldCatalogue): Issue[] {
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
  });
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
