import { z } from 'zod';
import { h, q, same } from '../diff/words.ts';
import type { RouteHandoff, RouteResult, Sla } from '../evaluate/decision.ts';
import { FieldPathSchema, findField } from '../model/fields.ts';
import { StageSchema } from '../model/stages.ts';
import type { Issue } from '../model/workflow.ts';
import { type ArtifactNode, type DiffContext, defineKind, type KindContext } from './kind.ts';

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

const hours = (h: number, working = false) =>
  `${h} ${working ? 'working ' : ''}${h === 1 ? 'hour' : 'hours'}`;

type Sales = Extract<Data, { to: 'sales' }>;

const METHOD_TEXT: Record<(typeof ASSIGN_METHODS)[number], string> = {
  turn: 'round robin by turn',
  fewest: 'fewest assigned today',
};

const ACTION_TEXT: Record<(typeof ESCALATION_ACTIONS)[number], string> = {
  remind_owner: 'remind the owner',
  notify_manager: 'notify the manager',
  reassign: 'reassign to the next eligible rep',
};

/** Who gets a sales lead: the queue, or a pool with its method and the queue as the fallback. */
function whoText(d: Sales): string {
  if (!d.assign) return `${d.queue}, ${d.priority} priority`;
  const { pool, method = 'turn', ownerField } = d.assign;
  const pick = ownerField
    ? `the account owner (${ownerField}) when eligible, else ${METHOD_TEXT[method]}`
    : METHOD_TEXT[method];
  return `${pool} pool, ${pick}; fallback queue ${d.queue}; ${d.priority} priority`;
}

/**
 * A sales route's SLA for a lead evaluated at `now` (epoch ms), for the receipt; none for other routes.
 * Leads of one batch share their evaluation time: their SLA is made once (frozen) and shared.
 */
function slaOf(d: Data): ((now: number) => Sla) | undefined {
  if (d.to !== 'sales') return undefined;
  const { queue, sla } = d;
  let last = Number.NaN;
  let made: Sla | undefined;
  return (now) => {
    if (now !== last || !made) {
      const dueAt = new Date(now + sla.firstContactHours * HOUR_MS).toISOString();
      made = Object.freeze({
        owner: queue,
        respondWithinHours: sla.firstContactHours,
        touches: sla.touches,
        dueAt,
      });
      last = now;
    }
    return made;
  };
}

/** The step's reason in the receipt. */
const routeReason = (d: Data) => `Routed to ${routeText(d)}.`;

/**
 * The one sentence of a route, for the plain-language view, outcomes and the receipt's reason. A sales
 * route with a pool counts its hours in the pool's working hours; without one, in calendar hours.
 */
function routeText(d: Data): string {
  if (d.to === 'nurture')
    return d.recycle ? `Nurture: ${d.track}, recycled to ${d.recycle.stage}` : `Nurture: ${d.track}`;
  if (d.to === 'disqualify') return `Disqualify: ${d.reason.replace(/\.+$/, '')}`;
  const working = Boolean(d.assign);
  let text = `Sales (${whoText(d)}): first contact within ${hours(d.sla.firstContactHours, working)}, ${d.sla.touches} touches`;
  if (d.sla.acceptWithinHours !== undefined)
    text += `; accept or reject within ${hours(d.sla.acceptWithinHours, working)}`;
  if (d.escalation?.length) {
    const steps = d.escalation.map(({ afterHours, action }) =>
      afterHours === 0
        ? `${ACTION_TEXT[action]} at once`
        : `${ACTION_TEXT[action]} after ${hours(afterHours, working)}`,
    );
    text += `; when first contact is late: ${steps.join(', then ')}`;
  }
  return text;
}

/** "remind the owner at once, then notify the manager after 2 h", or "none". */
function escalationText(d: Sales): string {
  const steps = d.escalation ?? [];
  if (!steps.length) return 'none';
  return steps
    .map(
      ({ afterHours, action }) =>
        `${ACTION_TEXT[action]} ${afterHours === 0 ? 'at once' : `after ${h(afterHours)}`}`,
    )
    .join(', then ');
}

/** Who picks the owner: "pool dach (fewest assigned today)", "the queue". */
function assignText(d: Sales): string {
  if (!d.assign) return 'the queue';
  const owner = d.assign.ownerField ? `, account owner from ${d.assign.ownerField} first` : '';
  return `pool ${q(d.assign.pool)} (${METHOD_TEXT[d.assign.method ?? 'turn']}${owner})`;
}

/** One sentence a change: where the route goes, and the queue, priority, SLA, pool, escalation, track, recycle, reason. */
function diffRoute(a: Data, b: Data, ctx: DiffContext): string[] {
  const name = ctx.label;
  if (a.to !== b.to) return [`${name}: ${routeText(a)} → ${routeText(b)}.`];
  const out: string[] = [];
  const change = (what: string, was: string, now: string) => {
    if (was !== now) out.push(`${name}: ${what}${was} → ${now}.`);
  };
  const hours = (n: number | undefined) => (n === undefined ? 'not set' : h(n));
  if (a.to === 'sales' && b.to === 'sales') {
    change('queue ', q(a.queue), q(b.queue));
    change('priority ', a.priority, b.priority);
    change('SLA ', h(a.sla.firstContactHours), h(b.sla.firstContactHours));
    change('touches ', String(a.sla.touches), String(b.sla.touches));
    change('accept or reject within ', hours(a.sla.acceptWithinHours), hours(b.sla.acceptWithinHours));
    change('"due soon" ', hours(a.sla.dueSoonHours), hours(b.sla.dueSoonHours));
    change('owner picked from ', assignText(a), assignText(b));
    change('escalation when first contact is late: ', escalationText(a), escalationText(b));
  } else if (a.to === 'nurture' && b.to === 'nurture') {
    change('track ', q(a.track), q(b.track));
    const recycle = (d: typeof a) =>
      d.recycle ? `back to ${d.recycle.stage} (${d.recycle.reason})` : 'no recycling';
    if (!same(a.recycle, b.recycle)) change('', recycle(a), recycle(b));
  } else if (a.to === 'disqualify' && b.to === 'disqualify') {
    change('reason ', q(a.reason), q(b.reason));
  }
  return out;
}

/** Types an account owner's id can be read from (a CRM user id is text or a number). */
const OWNER_TYPES = new Set(['string', 'number']);

/** Beyond the schema: the owner field is an id, escalation steps come in order, "due soon" before due. */
function checkRoute(d: Data, ctx: KindContext): Omit<Issue, 'nodeId'>[] {
  if (d.to !== 'sales') return [];
  const issues: Omit<Issue, 'nodeId'>[] = [];
  const owner = d.assign?.ownerField && findField(ctx.fields, d.assign.ownerField);
  if (owner && !OWNER_TYPES.has(owner.type)) {
    issues.push({
      code: 'owner_field_type',
      severity: 'error',
      path: 'data.assign.ownerField',
      message: `${owner.label} cannot hold the account owner's id: a CRM user id is text or a number, not a ${owner.type} field.`,
    });
  }
  const steps = d.escalation ?? [];
  const outOfOrder = steps.findIndex((s, i) => i > 0 && s.afterHours < steps[i - 1]!.afterHours);
  if (outOfOrder > 0) {
    issues.push({
      code: 'escalation_order',
      severity: 'warning',
      path: `data.escalation.${outOfOrder}.afterHours`,
      message: `Escalation step ${outOfOrder + 1} comes after ${hours(steps[outOfOrder]!.afterHours)} but step ${outOfOrder} after ${hours(steps[outOfOrder - 1]!.afterHours)}: steps run in the order of their hours, so put them in that order.`,
    });
  }
  if (d.sla.dueSoonHours !== undefined && d.sla.dueSoonHours >= d.sla.firstContactHours) {
    issues.push({
      code: 'due_soon_from_start',
      severity: 'warning',
      path: 'data.sla.dueSoonHours',
      message: `The "due soon" warning comes ${hours(d.sla.dueSoonHours)} before the due time, but first contact is due within ${hours(d.sla.firstContactHours)}: every lead would be due soon at once.`,
    });
  }
  return issues;
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
  reads: (d) => (d.to === 'sales' && d.assign?.ownerField ? [d.assign.ownerField] : []),
  check: checkRoute,
  summary: (d) =>
    d.to === 'sales'
      ? d.assign
        ? `Sales → ${d.assign.pool}: contact within ${d.sla.firstContactHours} working h`
        : `Sales: contact within ${d.sla.firstContactHours} h`
      : d.to === 'nurture'
        ? d.recycle
          ? `Nurture: ${d.track} (back to ${d.recycle.stage})`
          : `Nurture: ${d.track}`
        : `Disqualify: ${d.reason}`,
  describe: (d) => `The lead goes to ${routeText(d)}.`,
  outcome: (d) => ({
    route: routeText(d),
    ...(d.to === 'nurture' && d.recycle ? { stage: d.recycle.stage } : {}),
  }),
  diff: diffRoute,
  compile: (d) => ({ route: d }),
  fuse: (node, ctx) => {
    const finish = ctx.finish(ctx.constant(routeResult(node, ctx.nodeId)));
    if (!ctx.explain) return finish;
    const sla = slaOf(node.route);
    const x = ctx.explain;
    return (
      (sla ? `${x}.sla=${ctx.constant(sla)}(${ctx.now});` : '') +
      `${x}.reasons.push(${JSON.stringify(routeReason(node.route))});${finish}`
    );
  },
  sql: (d) => ({
    exits: [],
    route:
      d.to === 'sales'
        ? { kind: 'sales', target: d.queue }
        : d.to === 'nurture'
          ? { kind: 'nurture', target: d.track, ...(d.recycle ? { recycle: d.recycle.stage } : {}) }
          : { kind: 'disqualify', target: d.reason },
  }),
  prepare: (node, { nodeId }) => {
    const result = routeResult(node, nodeId);
    const reason = routeReason(node.route);
    const sla = slaOf(node.route);
    return (s) => {
      s.route = result;
      if (!s.explain) return undefined;
      if (sla) s.sla = sla(s.data.now);
      s.reasons.push(reason);
      return undefined;
    };
  },
});
