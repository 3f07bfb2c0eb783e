import { branch } from './branch.ts';
import { condition } from './condition.ts';
import { gate } from './gate.ts';
import { grade } from './grade-tiers.ts';
import type { NodeKind } from './kind.ts';
import { route } from './route.ts';
import { score } from './score.ts';
import { stage } from './stage.ts';
import { start } from './start.ts';

/** Every node kind, in palette order. The keys are the kind names; nothing else lists them. */
export const NODE_KINDS = { start, condition, gate, score, branch, grade, stage, route } as const;

export type NodeKindName = keyof typeof NODE_KINDS;

/** The kind definition for a stored node, or undefined for a kind this version does not know. */
export function kindOf(name: string): NodeKind | undefined {
  return Object.hasOwn(NODE_KINDS, name)
    ? (NODE_KINDS[name as NodeKindName] as unknown as NodeKind)
    : undefined;
}

export const KIND_NAMES = Object.keys(NODE_KINDS) as NodeKindName[];
