import { kindOf, type Port, type WorkflowNode } from '@qualify/rules';

/** A node's exits from its kind and data; null when the kind is unknown or the data does not parse. */
export function portsOf(node: Pick<WorkflowNode, 'kind' | 'data'>): Port[] | null {
  const kind = kindOf(node.kind);
  if (!kind) return null;
  const parsed = kind.dataSchema.safeParse(node.data);
  return parsed.success ? kind.ports(parsed.data) : null;
}

/** Whether leads can enter the node at all ("Lead arrives" has no entry). */
export const hasEntry = (kind: string): boolean => kind !== 'start';

/**
 * The label an edge carries: its exit's label ("Yes", "Fail", "Hot (70+)") when the step has
 * several exits; a step with one exit ("Next") leaves its edge unlabelled.
 */
export function exitLabel(node: Pick<WorkflowNode, 'kind' | 'data'>, port: string): string | null {
  const ports = portsOf(node);
  if (!ports || ports.length < 2) return null;
  return ports.find((p) => p.id === port)?.label ?? null;
}
