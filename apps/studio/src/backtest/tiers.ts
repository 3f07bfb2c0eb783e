import { NODE_KINDS, type Workflow } from '@qualify/rules';
import { updateNode } from '../graph/edits.ts';
import { versionTitle } from './format.ts';

/** One tier of a score-tiers node: what the sweep can move. */
export interface TierOption {
  nodeId: string;
  nodeLabel: string;
  tierId: string;
  tierLabel: string;
  min: number;
}

type BranchData = ReturnType<typeof NODE_KINDS.branch.defaults>;

function branchData(data: unknown): BranchData | null {
  const parsed = NODE_KINDS.branch.dataSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Every tier of every score-tiers node, in document order. */
export function tierOptions(doc: Workflow): TierOption[] {
  return doc.nodes.flatMap((n) => {
    const data = n.kind === 'branch' ? branchData(n.data) : null;
    if (!data) return [];
    return data.tiers.map((t) => ({
      nodeId: n.id,
      nodeLabel: n.label || n.id,
      tierId: t.id,
      tierLabel: t.label,
      min: t.min,
    }));
  });
}

export const sweepKey = (t: { nodeId: string; tierId: string }): string => `${t.nodeId}:${t.tierId}`;

/** The tier a sweep key names, if the document still has it. */
export const findTier = (doc: Workflow, nodeId: string, tierId: string): TierOption | null =>
  tierOptions(doc).find((t) => t.nodeId === nodeId && t.tierId === tierId) ?? null;

/** The document with one tier's threshold set (the same edit the inspector makes). */
export function setTierThreshold(doc: Workflow, nodeId: string, tierId: string, min: number): Workflow {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const data = node?.kind === 'branch' ? branchData(node.data) : null;
  if (!data?.tiers.some((t) => t.id === tierId)) return doc;
  return updateNode(doc, nodeId, {
    data: { ...data, tiers: data.tiers.map((t) => (t.id === tierId ? { ...t, min } : t)) },
  });
}

/** A threshold that differs between two versions of a workflow. */
export interface TierChange extends TierOption {
  from: number;
}

/**
 * Thresholds that moved from one document to the other, to explain route changes.
 * @example tierChanges(live, draft) // [{ nodeLabel: 'MQL threshold', tierLabel: 'MQL', from: 40, min: 60, … }]
 */
export function tierChanges(before: Workflow, after: Workflow): TierChange[] {
  const old = new Map(tierOptions(before).map((t) => [sweepKey(t), t.min]));
  return tierOptions(after).flatMap((t) => {
    const from = old.get(sweepKey(t));
    return from === undefined || from === t.min ? [] : [{ ...t, from }];
  });
}

/** "MQL threshold (MQL) 40 → 60", or a plain "Live v1 → Draft" when no threshold moved. */
export function changeCause(
  names: [string, string],
  compared: { before: Workflow; after: Workflow } | null,
): string {
  const moved = compared ? tierChanges(compared.before, compared.after) : [];
  if (!moved.length) return `${versionTitle(names[0])} → ${versionTitle(names[1])}`;
  return moved
    .map(
      (t) => `${t.nodeLabel}${t.nodeLabel === t.tierLabel ? '' : ` (${t.tierLabel})`} ${t.from} → ${t.min}`,
    )
    .join(', ');
}
