import type { Decision } from '@qualify/rules';
import type { HandoffAnswer } from '../api/types.ts';
import { poolOf, type Team } from '../api/use-team.ts';

/** A receipt as the runtime answers it, with `handoff` (a draft evaluation's is a preview). */
export type ReceiptDecision = Decision & { handoff?: HandoffAnswer };

/** What the receipt shows of the hand-off: the stage rule, who owns the lead and why, and when it is due. */
export interface ReceiptHandoff {
  /** "Kept at SQL: stages only move forward (this path sets MQL)." or "Recycled to MQL: …". */
  stageNote: { kind: 'kept' | 'recycled'; text: string } | null;
  owner: { text: string; why: string[] } | null;
  /** The first-contact due time, and the hours it counts in, in words. */
  due: { at: string; within: string; hours: string; zone?: string } | null;
  /** A test run's one-line preview ("Would go to Ann: … · preview, nothing assigned"), else null. */
  preview: string | null;
}

const hoursText = (n: number, working: boolean) =>
  `${n} ${working ? 'working ' : ''}hour${n === 1 ? '' : 's'}`;

function stageNote(d: Decision): ReceiptHandoff['stageNote'] {
  if (d.stageKept) {
    const text = d.reasons.find((r) => r.startsWith('Kept at '));
    return { kind: 'kept', text: text ?? `Kept at ${d.stage}: stages only move forward.` };
  }
  const recycled = d.reasons.find((r) => r.startsWith('Recycled to '));
  return recycled ? { kind: 'recycled', text: recycled } : null;
}

/** The due time as a person reads it, in the pool's zone when known: "Mon 30 Nov, 13:00". */
export function dueText(iso: string, zone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(zone ? { timeZone: zone } : {}),
  }).format(new Date(iso));
}

/**
 * A draft test run's hand-off in one line: who would get the lead and why, when it would be due, and that
 * nothing was assigned ("Would go to Ann: next in turn in EMEA AEs · due Mon 30 Nov, 13:00 (Mon–Fri
 * 09:00–17:00, Europe/Berlin) · preview, nothing assigned"). Null for a live evaluation's hand-off.
 */
export function previewLine(h: HandoffAnswer, zone?: string): string | null {
  if (!h.preview) return null;
  const reasons = h.reasons ?? [];
  let who: string;
  if (h.owner) {
    const name = h.owner.name;
    const mine = reasons.find((r) => r.startsWith(`${name}:`));
    who =
      h.assigned === 'kept'
        ? `Would stay with ${name}: already owns the lead`
        : h.assigned === null
          ? `Would stay with ${name}: not routed to sales this time`
          : `Would go to ${mine ?? name}`;
  } else if (h.queue && h.assigned !== null) {
    const last = reasons.at(-1);
    who = `Would go to the ${h.queue} queue${last ? ` (${last})` : ''}`;
  } else {
    who = 'Would go to nobody: not routed to sales';
  }
  const due = h.sla ? ` · due ${dueText(h.sla.dueAt, zone)} (${h.sla.workingHours ?? 'calendar hours'})` : '';
  return `${who}${due} · preview, nothing assigned`;
}

/**
 * The runtime's hand-off: the owner picked and the reasons, the due time in working hours (in the pool's
 * zone too when the team has it). A draft test run's is a preview: worked out by the runtime as a real
 * evaluation would, with nothing assigned.
 */
function fromAnswer(h: HandoffAnswer, d: Decision, team: Team): Omit<ReceiptHandoff, 'stageNote'> {
  const text = h.owner
    ? `${h.owner.name} (${h.owner.email})${h.assigned === 'kept' ? ', who already owned the lead' : ''}`
    : h.queue
      ? `Nobody by name: the ${h.queue} queue`
      : 'Nobody: the lead did not go to sales';
  const within = d.sla ? hoursText(d.sla.respondWithinHours, h.sla?.workingHours != null) : '';
  const zone = h.sla?.workingHours ? poolOf(team, h.pool ?? undefined)?.schedule.timeZone : undefined;
  return {
    owner: { text, why: h.reasons ?? [] },
    due: h.sla
      ? {
          at: h.sla.dueAt,
          within,
          hours: h.sla.workingHours ?? 'Calendar hours (the route picks no pool).',
          ...(zone ? { zone } : {}),
        }
      : null,
    preview: previewLine(h, zone),
  };
}

/**
 * The receipt's hand-off as the runtime answered it: a live evaluation's, or a test run's preview (the
 * runtime previews it for a lead with a lead id or a sales route). Without one, the lead goes nowhere
 * that has an owner.
 */
export function receiptHandoff(d: ReceiptDecision, team: Team): ReceiptHandoff {
  return {
    stageNote: stageNote(d),
    ...(d.handoff ? fromAnswer(d.handoff, d, team) : { owner: null, due: null, preview: null }),
  };
}
