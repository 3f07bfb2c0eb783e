import type { WorkflowRow } from '../store.ts';
import type { ApprovalRule } from './schemas.ts';

/**
 * A team runtime (keys required) asks for a second person by default; local mode is one person,
 * who could never find someone else to approve.
 */
export const defaultRule = (keysRequired: boolean): ApprovalRule =>
  keysRequired
    ? { required: true, role: 'approver', excludeEditors: true }
    : { required: false, role: 'approver', excludeEditors: false };

/** The rule that applies to a workflow, and whether the workflow set it. */
export function ruleOf(
  row: WorkflowRow,
  keysRequired: boolean,
): { rule: ApprovalRule; source: 'workflow' | 'default' } {
  return row.approval
    ? { rule: row.approval, source: 'workflow' }
    : { rule: defaultRule(keysRequired), source: 'default' };
}
