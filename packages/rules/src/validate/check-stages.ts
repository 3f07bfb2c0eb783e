import { nextStage, stageRank } from '../model/stage-order.ts';
import type { Stage } from '../model/stages.ts';
import type { Issue } from '../model/workflow.ts';
import type { TypedNode } from './analyze.ts';

/**
 * Stage steps that set a lower stage after a higher one on the same path: the lead ends at the lower
 * one, which stages-only-move-forward would refuse from a lead already there. Likely a mistake; going
 * back on purpose is a nurture route's recycle. "Lower" is the forward-only rule's own judgement, so
 * Disqualified after SAL counts too. One warning per step, naming the highest step before it.
 * @param order the nodes, every connection pointing forward (an acyclic graph)
 */
export function stagesGoingBack(
  order: string[],
  out: Map<string, string[]>,
  nodes: Map<string, TypedNode>,
): Issue[] {
  const stageOf = (id: string) => {
    const typed = nodes.get(id);
    return typed?.kind.kind === 'stage' ? (typed.data as { stage: Stage }).stage : undefined;
  };
  const name = (id: string) => {
    const typed = nodes.get(id)!;
    return typed.node.label || `${typed.kind.title} ${stageOf(id)}`;
  };
  // The stage steps some path passes before arriving at each node.
  const before = new Map<string, Set<string>>();
  const issues: Issue[] = [];
  for (const id of order) {
    const earlier = before.get(id) ?? new Set<string>();
    const stage = stageOf(id);
    if (stage) {
      const higher = [...earlier]
        .filter((e) => nextStage(stageOf(e)!, stage).kept)
        .sort((a, b) => stageRank(stageOf(b)!) - stageRank(stageOf(a)!))[0];
      if (higher) {
        const was = stageOf(higher)!;
        issues.push({
          code: 'stage_goes_back',
          severity: 'warning',
          nodeId: id,
          message: `"${name(id)}" sets ${stage} after "${name(higher)}" set ${was} on the same path, so the lead ends lower than it was. If sales handed it back, use a nurture route that recycles it to ${stage}; otherwise remove one of the two steps.`,
        });
      }
    }
    const passOn = stage ? new Set([...earlier, id]) : earlier;
    for (const t of out.get(id) ?? []) {
      const set = before.get(t);
      if (set) for (const e of passOn) set.add(e);
      else before.set(t, new Set(passOn));
    }
  }
  return issues;
}
