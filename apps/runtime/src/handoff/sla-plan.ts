import { addWorkingHours, describeSchedule, type Schedule } from '@qualify/rules/handoff';
import type { EscalationAction, EscalationStep, SlaStatus } from './types.ts';

const HOUR = 3_600_000;

/** Hours from a time in the schedule's working hours, or calendar hours when there is none (a route without a pool). */
export const addHours = (startMs: number, hours: number, schedule: Schedule | null) =>
  schedule ? addWorkingHours(startMs, hours, schedule) : startMs + hours * HOUR;

export interface SlaPlanInput {
  startMs: number;
  firstContactHours: number;
  /** Default 1. */
  dueSoonHours?: number;
  acceptWithinHours?: number;
  escalation?: EscalationStep[];
  /** The owner's schedule, else the pool's; null: calendar hours. */
  schedule: Schedule | null;
}

export interface PlannedStep {
  step: number;
  action: EscalationAction;
  afterHours: number;
  dueAt: number;
}

export interface SlaPlan {
  startedAt: number;
  dueSoonAt: number;
  dueAt: number;
  acceptDueAt: number | null;
  steps: PlannedStep[];
  workingHours: string | null;
}

/**
 * Every time an SLA timer will act on, fixed when it starts: the due time and the due-soon warning in
 * working hours from the start, each escalation step in working hours after the due time. The tick then
 * only compares times, and a schedule edited later does not move a promise already made.
 */
export function planSla(input: SlaPlanInput): SlaPlan {
  const { schedule, startMs } = input;
  const dueAt = addHours(startMs, input.firstContactHours, schedule);
  const warnAfter = Math.max(0, input.firstContactHours - (input.dueSoonHours ?? 1));
  return {
    startedAt: startMs,
    dueSoonAt: Math.min(addHours(startMs, warnAfter, schedule), dueAt),
    dueAt,
    acceptDueAt:
      input.acceptWithinHours === undefined ? null : addHours(startMs, input.acceptWithinHours, schedule),
    steps: (input.escalation ?? []).map((s, i) => ({
      step: i + 1,
      action: s.action,
      afterHours: s.afterHours,
      dueAt: addHours(dueAt, s.afterHours, schedule),
    })),
    workingHours: schedule ? describeSchedule(schedule) : null,
  };
}

export interface LiveTimer {
  status: SlaStatus;
  dueSoonAt: number;
  dueAt: number;
  steps: Array<{ step: number; action: EscalationAction; dueAt: number; doneAt: number | null }>;
}

export type SlaTransition =
  | { kind: 'due_soon' }
  | { kind: 'breached' }
  | { kind: 'step'; step: number; action: EscalationAction };

/**
 * What a timer has due at nowMs, in order. A warning whose due time already passed is skipped (the
 * breach says more); steps wait for the breach; nothing follows a reassignment, which starts a new clock.
 */
export function dueTransitions(timer: LiveTimer, nowMs: number): SlaTransition[] {
  const out: SlaTransition[] = [];
  let status = timer.status;
  if (status === 'open' && timer.dueSoonAt <= nowMs && timer.dueAt > nowMs) {
    out.push({ kind: 'due_soon' });
    status = 'due_soon';
  }
  if ((status === 'open' || status === 'due_soon') && timer.dueAt <= nowMs) {
    out.push({ kind: 'breached' });
    status = 'breached';
  }
  if (status !== 'breached') return out;
  for (const step of [...timer.steps].sort((a, b) => a.dueAt - b.dueAt || a.step - b.step)) {
    if (step.doneAt !== null) continue;
    if (step.dueAt > nowMs) break;
    out.push({ kind: 'step', step: step.step, action: step.action });
    if (step.action === 'reassign') break;
  }
  return out;
}
