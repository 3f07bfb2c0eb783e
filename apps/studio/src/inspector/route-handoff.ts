import type { ESCALATION_ACTIONS, Stage } from '@qualify/rules';
import type { KindData } from './kind-data.ts';

/** Pure edits of a route's hand-off settings: each returns new route data for the store's `commit` (undoable). */
type RouteData = KindData<'route'>;
export type SalesRoute = Extract<RouteData, { to: 'sales' }>;
export type NurtureRoute = Extract<RouteData, { to: 'nurture' }>;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];
export type EscalationStep = NonNullable<SalesRoute['escalation']>[number];
type Assign = NonNullable<SalesRoute['assign']>;
/** A kind editor's onChange: `key` groups keystrokes of one input into one undo step. */
export type Change<D> = (data: D, key?: string) => void;

export const ACTION_TEXT: Record<EscalationAction, string> = {
  remind_owner: 'Remind the owner',
  notify_manager: "Tell the pool's manager",
  reassign: 'Reassign to the next rep',
};

/** Sets or clears (null) one optional SLA commitment; a cleared one leaves no key behind. */
export function setSlaOption(
  d: SalesRoute,
  key: 'acceptWithinHours' | 'dueSoonHours',
  value: number | null,
): SalesRoute {
  const { [key]: _old, ...rest } = d.sla;
  return { ...d, sla: value === null ? rest : { ...rest, [key]: value } };
}

/** Assigns from a pool (keeping the method and owner field chosen before), or stops assigning (null). */
export function setPool(d: SalesRoute, pool: string | null): SalesRoute {
  if (pool === null) {
    const { assign: _assign, ...rest } = d;
    return rest;
  }
  return { ...d, assign: { method: 'turn', ...d.assign, pool } };
}

export function setAssign(d: SalesRoute, patch: Partial<Assign>): SalesRoute {
  if (!d.assign) return d;
  const next: Assign = { ...d.assign, ...patch };
  if (!next.ownerField) delete next.ownerField;
  return { ...d, assign: next };
}

/** The chain without empty leftovers: no steps means no `escalation` key. */
function withSteps(d: SalesRoute, steps: EscalationStep[]): SalesRoute {
  const { escalation: _old, ...rest } = d;
  return steps.length ? { ...rest, escalation: steps } : rest;
}

/** A new last step, a little after the one before; the first reminds the owner. */
export function addStep(d: SalesRoute): SalesRoute {
  const steps = d.escalation ?? [];
  const last = steps[steps.length - 1];
  const next: EscalationStep = last
    ? {
        afterHours: last.afterHours + 2,
        action: last.action === 'remind_owner' ? 'notify_manager' : 'reassign',
      }
    : { afterHours: 1, action: 'remind_owner' };
  return withSteps(d, [...steps, next]);
}

export const setStep = (d: SalesRoute, i: number, patch: Partial<EscalationStep>): SalesRoute =>
  withSteps(
    d,
    (d.escalation ?? []).map((s, n) => (n === i ? { ...s, ...patch } : s)),
  );

export const removeStep = (d: SalesRoute, i: number): SalesRoute =>
  withSteps(
    d,
    (d.escalation ?? []).filter((_, n) => n !== i),
  );

/** Moves step `i` one place up (-1) or down (+1); at an end it stays. */
export function moveStep(d: SalesRoute, i: number, by: -1 | 1): SalesRoute {
  const steps = [...(d.escalation ?? [])];
  const j = i + by;
  if (j < 0 || j >= steps.length) return d;
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return withSteps(d, steps);
}

/** Steps whose hours go down: the chain runs in time order, so a later step set earlier reads as a mistake. */
export function outOfOrderSteps(steps: readonly EscalationStep[]): number[] {
  const out: number[] = [];
  steps.forEach((s, i) => {
    if (i > 0 && s.afterHours < (steps[i - 1]?.afterHours ?? 0)) out.push(i);
  });
  return out;
}

/** Turns the recycle on (back to MQL, a reason to fill in), edits it, or turns it off (null). */
export function setRecycle(d: NurtureRoute, recycle: { stage: Stage; reason: string } | null): NurtureRoute {
  const { recycle: _old, ...rest } = d;
  return recycle ? { ...rest, recycle } : rest;
}
