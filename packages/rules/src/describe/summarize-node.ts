import type { ConditionScope } from '../conditions/scope.ts';
import type { FieldCatalogue } from '../model/fields.ts';
import { kindOf } from '../nodes/index.ts';

/** One-line summary of a node for the canvas ("BANT: 3 of 4 criteria"); empty when its data is invalid. */
export function summarizeNode(
  node: { id: string; kind: string; label: string; data: unknown },
  fields: FieldCatalogue,
  scope: ConditionScope = {},
): string {
  const kind = kindOf(node.kind);
  if (!kind) return '';
  const data = kind.dataSchema.safeParse(node.data);
  return data.success
    ? kind.summary(data.data, { fields, ...scope, nodeId: node.id, label: node.label })
    : '';
}
