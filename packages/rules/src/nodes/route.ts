import { z } from 'zod';
import type { RouteResult } from '../evaluate/decision.ts';
import { type ArtifactNode, defineKind } from './kind.ts';

const HOUR_MS = 3_600_000;

const DataSchema = z.discriminatedUnion('to', [
  z.object({
    to: z.literal('sales'),
    queue: z.string().min(1).max(200),
    priority: z.enum(['high', 'normal', 'low']).default('normal'),
    sla: z.object({
      firstContactHours: z
        .number()
        .positive()
        .max(24 * 365),
      touches: z.number().int().min(1).max(100),
    }),
  }),
  z.object({ to: z.literal('nurture'), track: z.string().min(1).max(200) }),
  z.object({ to: z.literal('disqualify'), reason: z.string().min(1).max(500) }),
]);
type Data = z.infer<typeof DataSchema>;

interface Compiled extends ArtifactNode {
  route: Data;
}

function routeResult(node: Compiled, nodeId: string): RouteResult {
  const d = node.route;
  return d.to === 'sales'
    ? { kind: 'sales', target: d.queue, nodeId, label: node.label, priority: d.priority }
    : { kind: d.to, target: d.to === 'nurture' ? d.track : d.reason, nodeId, label: node.label };
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
