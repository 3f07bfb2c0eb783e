import { z } from 'zod';
import type { RouteHandoff, RouteResult } from '../evaluate/decision.ts';
import { FieldPathSchema } from '../model/fields.ts';
import { StageSchema } from '../model/stages.ts';
import { type ArtifactNode, defineKind } from './kind.ts';

const HOUR_MS = 3_600_000;

const HoursSchema = z
  .number()
  .positive()
  .max(24 * 365);

/** What happens when the first contact is late: each step this many working hours after the due time. */
export const ESCALATION_ACTIONS = ['remind_owner', 'notify_manager', 'reassign'] as const;
const EscalationSchema = z
  .array(
    z.object({
      afterHours: z
        .number()
        .min(0)
        .max(24 * 365),
      action: z.enum(ESCALATION_ACTIONS),
    }),
  )
  .max(10);

/** How an owner is picked in a pool: round robin by turn, or whoever has the fewest leads today (both weighted). */
export const ASSIGN_METHODS = ['turn', 'fewest'] as const;
const AssignSchema = z.object({
  /** A pool of the runtime's team. */
  pool: z.string().min(1).max(100),
  method: z.enum(ASSIGN_METHODS).default('turn'),
  /** The catalogue path holding the account owner's id: that rep gets the lead when eligible. */
  ownerField: FieldPathSchema.optional(),
});

const DataSchema = z.discriminatedUnion('to', [
  z.object({
    to: z.literal('sales'),
    /** The queue; with a pool, where a lead goes when nobody in the pool is eligible. */
    queue: z.string().min(1).max(200),
    priority: z.enum(['high', 'normal', 'low']).default('normal'),
    sla: z.object({
      firstContactHours: HoursSchema,
      touches: z.number().int().min(1).max(100),
      /** Sales commits to accept or reject (with a reason) within this many hours. */
      acceptWithinHours: HoursSchema.optional(),
      /** The "due soon" warning, this many working hours before the due time (1 when not set). */
      dueSoonHours: HoursSchema.optional(),
    }),
    assign: AssignSchema.optional(),
    escalation: EscalationSchema.optional(),
  }),
  z.object({
    to: z.literal('nurture'),
    track: z.string().min(1).max(200),
    /** Going back is explicit: the route sets this stage even when it is lower than the lead's. */
    recycle: z.object({ stage: StageSchema, reason: z.string().min(1).max(500) }).optional(),
  }),
  z.object({ to: z.literal('disqualify'), reason: z.string().min(1).max(500) }),
]);
type Data = z.infer<typeof DataSchema>;

interface Compiled extends ArtifactNode {
  route: Data;
}

/** The "due soon" warning's lead time when a route sets none: one working hour before the due time. */
export const DEFAULT_DUE_SOON_HOURS = 1;

function routeResult(node: Compiled, nodeId: string): RouteResult {
  const d = node.route;
  if (d.to === 'sales') {
    const result: RouteResult = {
      kind: 'sales',
      target: d.queue,
      nodeId,
      label: node.label,
      priority: d.priority,
    };
    // Only a route that uses the hand-off carries it: every receipt of an older workflow stays as it was.
    const uses =
      d.assign || d.escalation || d.sla.acceptWithinHours !== undefined || d.sla.dueSoonHours !== undefined;
    if (!uses) return result;
    const handoff: RouteHandoff = {
      ...(d.assign
        ? {
            pool: d.assign.pool,
            method: d.assign.method ?? 'turn',
            ...(d.assign.ownerField ? { ownerField: d.assign.ownerField } : {}),
          }
        : {}),
      escalation: d.escalation ?? [],
      ...(d.sla.acceptWithinHours !== undefined ? { acceptWithinHours: d.sla.acceptWithinHours } : {}),
      dueSoonHours: d.sla.dueSoonHours ?? DEFAULT_DUE_SOON_HOURS,
    };
    return { ...result, handoff };
  }
  if (d.to === 'nurture')
    return {
      kind: 'nurture',
      target: d.track,
      nodeId,
      label: node.label,
      ...(d.recycle ? { recycle: d.recycle } : {}),
    };
  return { kind: 'disqualify', target: d.reason, nodeId, label: node.label };
}

const hours = (h: number) => (h === 1 ? '1 hour' : `${h} hours`);

function routeText(d: Data): string {
  if (d.to === 'sales')
    return `Sales (${d.queue}, ${d.priority} priority): first contact within ${hours(d.sla.firstContactHours)}, ${d.sla.touches} touches`;
  if (d.to === 'nurture') return `Nurture: ${d.track}`;
  return `Disqualify: ${d.reason.replace(/\.+$/, '')}`;
}

/** Where a path ends: to a sales queue with its SLA, to a nurture track, or disqualified. */
export const route = defineKind<Data, Compiled>({
  kind: 'route',
  title: 'Route',
  blurb: 'Ends the path: to sales with an SLA, to nurture, or disqualify.',
  color: '#dc2626',
  icon: '⚑',
  dataSchema: DataSchema,
  defaults: () => ({
    to: 'sales',
    queue: 'SDR team',
    priority: 'normal',
    sla: { firstContactHours: 24, touches: 3 },
  }),
  ports: () => [],
  reads: () => [],
  summary: (d) =>
    d.to === 'sales'
      ? `Sales: contact within ${d.sla.firstContactHours} h`
      : d.to === 'nurture'
        ? `Nurture: ${d.track}`
        : `Disqualify: ${d.reason}`,
  describe: (d) => `The lead goes to ${routeText(d)}.`,
  outcome: (d) => ({ route: routeText(d) }),
  compile: (d) => ({ route: d }),
  fuse: (node, ctx) => ctx.finish(ctx.constant(routeResult(node, ctx.nodeId))),
  prepare: (node, { nodeId }) => {
    const d = node.route;
    const result = routeResult(node, nodeId);
    const reason = `Routed to ${routeText(d)}.`;
    return (s) => {
      s.route = result;
      if (!s.explain) return undefined;
      if (d.to === 'sales') {
        s.sla = {
          owner: d.queue,
          respondWithinHours: d.sla.firstContactHours,
          touches: d.sla.touches,
          dueAt: new Date(s.data.now + d.sla.firstContactHours * HOUR_MS).toISOString(),
        };
      }
      s.reasons.push(reason);
      return undefined;
    };
  },
});
