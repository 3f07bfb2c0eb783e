import { z } from 'zod';
import type { JsonLogic } from '../model/logic.ts';
import type { Issue } from '../model/workflow.ts';
import type { ArtifactNode, FuseContext } from './kind.ts';

/** What the kinds that sort leads into tiers share: the tier id, the select's fused form, exit names. */

/** A tier's id: the exit it leaves by. `else` is kept for the last exit. */
export const TierIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/)
  .refine((id) => id !== 'else', 'the id "else" is kept for the last exit');

/** A compiled tiers node: a select naming the port, and each exit's name for the receipt. */
export interface TiersNode extends ArtifactNode {
  select: JsonLogic;
  /** Each exit's name for the receipt ("Hot", and the else label); an artifact without one shows the port. */
  labels?: Record<string, string>;
}

/** Each tier's id → label, and `else` → the else label. */
export const tierLabels = (tiers: { id: string; label: string }[], elseLabel: string) =>
  Object.fromEntries([...tiers.map((t) => [t.id, t.label]), ['else', elseLabel]]);

/**
 * The fused form of any select: compute the port's name once into `p`, then jump to it. When the
 * function explains, `reason` is the expression of the step's reason (it may read `p`).
 */
export function fuseSelect(
  node: TiersNode,
  ctx: FuseContext,
  reason?: () => string | undefined,
): string | undefined {
  const select = ctx.expr(node.select);
  if (select === undefined) return undefined;
  let said = '';
  if (ctx.explain && reason) {
    const r = reason();
    if (r === undefined) return undefined;
    said = `${ctx.explain}.reasons.push(${r});`;
  }
  const ports = Object.keys(node.next);
  return `p=String(${select});${said}${ports.map((port) => `if(p===${JSON.stringify(port)}){${ctx.goto(port)}}`).join('')}${ctx.goto('')}`;
}

/** The exit's name for a reason ("Hot"), remembered per port; a port the artifact names no label for reads as itself. */
export function exitNames(labels: Record<string, string> | undefined): (port: string) => string {
  const names = new Map<string, string>();
  return (port) => {
    let name = names.get(port);
    if (name === undefined) {
      name = labels && Object.hasOwn(labels, port) ? labels[port]! : port;
      names.set(port, name);
    }
    return name;
  };
}

/** The error for two tiers with one id (two exits of the same name): none when every id differs. */
export function duplicateTierIds(tiers: readonly { id: string }[]): Omit<Issue, 'nodeId'>[] {
  const ids = tiers.map((t) => t.id);
  if (new Set(ids).size === ids.length) return [];
  return [{ code: 'duplicate_id', severity: 'error', path: 'data.tiers', message: 'Two tiers share an id.' }];
}
