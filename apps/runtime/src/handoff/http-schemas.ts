import { parseIsoDate, ScheduleSchema, STAGES } from '@qualify/rules';
import { z } from 'zod';
import { NowSchema } from '../schemas.ts';

/**
 * The hand-off's HTTP shapes (docs/api-contract.md, "Hand-off"): what the team, lead-event and SLA
 * endpoints accept, and what they answer, for the checks and the OpenAPI document alike.
 */

/** A pool id as it appears in URLs and in a route's `assign.pool`. */
export const POOL_ID = /^[A-Za-z0-9][\w.-]{0,63}$/;
export const PoolIdSchema = z
  .string()
  .regex(POOL_ID, 'a pool id: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((v) => Number.isFinite(parseIsoDate(v)), 'not a calendar date');

const StageSchema = z.enum(STAGES);

export const RepInputSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(200).meta({ description: "The rep's CRM user id." }),
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    weight: z.int().min(1).max(100).default(1),
    dailyCap: z.int().min(0).max(100_000).nullable().default(null).meta({
      description: "Most leads a day, counted in the rep's local day across pools; null: no cap.",
    }),
    active: z.boolean().default(true),
    schedule: ScheduleSchema.optional().meta({
      description: "The rep's own hours and zone; else the pool's.",
    }),
    daysOff: z.array(IsoDay).max(366).default([]),
  })
  .meta({ id: 'RepInput' });

export const PoolBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    schedule: ScheduleSchema,
    managerEmail: z.email().max(320).optional(),
    reps: z.array(RepInputSchema).max(1000),
    revision: z.int().min(1).optional().meta({
      description:
        'When given, replace only if the pool is still at this revision (else 409 revision_conflict).',
    }),
  })
  .superRefine((pool, ctx) => {
    const seen = new Set<string>();
    pool.reps.forEach((rep, i) => {
      if (seen.has(rep.id))
        ctx.addIssue({
          code: 'custom',
          path: ['reps', i, 'id'],
          message: `rep id "${rep.id}" appears twice`,
        });
      seen.add(rep.id);
    });
  })
  .meta({ id: 'PoolInput' });

const OwnerSchema = z.object({ id: z.string(), name: z.string(), email: z.string() }).meta({ id: 'Owner' });

export const PoolSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    schedule: ScheduleSchema,
    managerEmail: z.string().optional(),
    reps: z.array(
      RepInputSchema.extend({
        assignedToday: z
          .int()
          .meta({ description: "Read only: leads assigned today in the rep's local day." }),
      }),
    ),
    revision: z.int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Pool' });

export const LeadEventBodySchema = z
  .strictObject({
    eventId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta({ description: 'Your id for the event: sending it again answers the first result (200).' }),
    type: z.enum(['contacted', 'accepted', 'rejected', 'converted']),
    at: NowSchema.optional().meta({ description: 'When it happened in the CRM; default: when received.' }),
    reason: z.string().trim().min(1).max(2000).optional().meta({ description: 'Required for rejected.' }),
    stage: StageSchema.optional().meta({
      description:
        'rejected only: the stage the lead goes back to (lower than its current stage); default MQL.',
    }),
    by: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .optional()
      .meta({ description: 'Who did it (a CRM user id or name).' }),
  })
  .superRefine((ev, ctx) => {
    if (ev.type === 'rejected' && ev.reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'a rejected event needs a reason (why sales sent the lead back)',
      });
    if (ev.type !== 'rejected' && ev.stage !== undefined)
      ctx.addIssue({ code: 'custom', path: ['stage'], message: 'only a rejected event says a stage' });
  })
  .meta({ id: 'LeadEventInput' });

const EscalationSchema = z.object({
  step: z.int(),
  action: z.enum(['remind_owner', 'notify_manager', 'reassign']),
  afterHours: z.number(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  newOwner: OwnerSchema.nullable().optional(),
});

const SlaStatusSchema = z.enum(['open', 'due_soon', 'breached', 'met', 'met_late', 'closed']);

export const SlaRowSchema = z
  .object({
    id: z.string(),
    leadId: z.string(),
    workflowId: z.string(),
    version: z.int().nullable(),
    owner: OwnerSchema.nullable(),
    pool: z.string().nullable(),
    queue: z.string().nullable(),
    startedAt: z.string(),
    dueSoonAt: z.string(),
    dueAt: z.string(),
    status: SlaStatusSchema,
    firstContactHours: z.number(),
    touches: z.int(),
    touched: z.int(),
    acceptDueAt: z.string().nullable(),
    metAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    escalations: z.array(EscalationSchema),
    workingHours: z
      .string()
      .nullable()
      .meta({ description: 'The hours it counts in; null: calendar hours.' }),
  })
  .meta({ id: 'SlaTimer' });

export const LeadStateSchema = z
  .object({
    leadId: z.string(),
    stage: StageSchema,
    priorStage: StageSchema.nullable(),
    owner: OwnerSchema.nullable(),
    pool: z.string().nullable(),
    queue: z.string().nullable(),
    workflow: z.object({ id: z.string(), version: z.int().nullable() }),
    lastDecisionId: z.string(),
    updatedAt: z.string(),
    sla: SlaRowSchema.nullable(),
  })
  .meta({ id: 'LeadState' });

const LeadEventRecordSchema = z.object({
  eventId: z.string(),
  type: z.enum(['contacted', 'accepted', 'rejected', 'converted']),
  at: z.string(),
  receivedAt: z.string(),
  reason: z.string().nullable(),
  stage: StageSchema.nullable(),
  by: z.string().nullable(),
  applied: z.array(z.string()),
});

export const LeadDetailSchema = LeadStateSchema.extend({
  events: z.array(LeadEventRecordSchema).meta({ description: 'CRM events, newest first.' }),
}).meta({ id: 'LeadDetail' });

export const LeadEventResultSchema = z
  .object({
    eventId: z.string(),
    leadId: z.string(),
    type: z.enum(['contacted', 'accepted', 'rejected', 'converted']),
    applied: z.array(z.string()).meta({ description: 'What the event did, in sentences.' }),
    lead: LeadStateSchema,
  })
  .meta({ id: 'LeadEventResult' });

export const SlaQuerySchema = z.object({
  status: z.enum(['open', 'due_soon', 'breached']).optional().meta({
    description: 'Live timers in this state; default all three. `open` is not yet due soon.',
  }),
  owner: z.string().max(200).optional().meta({ description: "The owner's id (CRM user id)." }),
  pool: z.string().max(64).optional(),
  workflow: z.string().max(100).optional(),
  cursor: z
    .string()
    .max(200)
    // The store's cursor is the last item's due time and id (base64url): anything else is a mistake, not page one.
    .refine(
      (c) => /^\d+\|.+$/.test(Buffer.from(c, 'base64url').toString()),
      'a nextCursor from an earlier page',
    )
    .optional()
    .meta({ description: 'A nextCursor from an earlier page.' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const CountsSchema = z.object({ open: z.int(), dueSoon: z.int(), breached: z.int() });
export const SlaPageSchema = z
  .object({
    items: z.array(SlaRowSchema).meta({ description: 'Soonest due first.' }),
    counts: CountsSchema.extend({
      byOwner: z.array(CountsSchema.extend({ owner: OwnerSchema.nullable() })),
      byPool: z.array(CountsSchema.extend({ pool: z.string().nullable() })),
    }).meta({ description: 'Over every live timer the filter matches, whatever its status.' }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SlaPage' });

/** What an evaluation answer's `handoff` holds (`reasons` only in the full view). */
export const HandoffAnswerSchema = z
  .object({
    leadId: z.string().nullable(),
    priorStage: StageSchema.nullable(),
    stage: StageSchema,
    stageKept: z.boolean(),
    owner: OwnerSchema.nullable(),
    pool: z.string().nullable(),
    queue: z.string().nullable(),
    assigned: z.enum(['new', 'kept', 'fallback']).nullable(),
    reasons: z.array(z.string()).optional(),
    sla: z
      .object({
        dueAt: z.string(),
        workingHours: z.string().nullable(),
        status: z.enum([...SlaStatusSchema.options, 'untracked']).meta({
          description:
            '`untracked`: a lead without a lead id; its due time is computed but no timer is kept.',
        }),
      })
      .nullable(),
    preview: z.literal(true).optional().meta({
      description:
        'Draft test runs only: the hand-off a real evaluation would make now, worked out by the same code and undone; nothing was assigned or stored.',
    }),
  })
  .meta({ id: 'Handoff' });
