import { z } from 'zod';
import { EVENT_TYPES } from '../handoff/types.ts';

export const EventTypeSchema = z.enum(EVENT_TYPES).meta({ id: 'WebhookEventType' });
export const DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'dead'] as const;

/**
 * Where events go. http or https only; no user name or password in it (fetch refuses them, and a
 * secret belongs in the signature, not the address).
 */
const UrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
      } catch {
        return false;
      }
    },
    { error: 'must be an http:// or https:// address without a user name or password' },
  )
  .meta({
    description: 'Where events are POSTed: an http:// or https:// address.',
    example: 'https://crm-sync.example.com/qualify',
  });

const EventsSchema = z
  .array(EventTypeSchema)
  .min(1, 'name at least one event')
  .max(EVENT_TYPES.length)
  .refine((a) => new Set(a).size === a.length, 'name each event once')
  .meta({ description: `Which events to deliver: ${EVENT_TYPES.join(', ')}.` });

export const CreateSubscriptionBody = z.strictObject({
  url: UrlSchema,
  events: EventsSchema,
  description: z.string().trim().max(500).optional(),
  active: z
    .boolean()
    .optional()
    .meta({ description: 'Default true. An inactive subscription keeps its deliveries waiting.' }),
});

export const UpdateSubscriptionBody = CreateSubscriptionBody.partial().refine(
  (b) => Object.keys(b).length > 0,
  'send at least one of url, events, description, active',
);

export const DeliveryQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  subscription: z.string().max(100).optional(),
  lead: z.string().max(320).optional().meta({ description: 'A lead id.' }),
  event: EventTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    // The store's cursor is a position in the outbox (digits): anything else is a mistake, not page one.
    .regex(/^\d{1,15}$/, 'a nextCursor from an earlier page')
    .optional()
    .meta({ description: 'A nextCursor from an earlier page.' }),
});

export const SubscriptionSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(EventTypeSchema),
    description: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Subscription' });

export const CreatedSubscriptionSchema = SubscriptionSchema.extend({
  secret: z.string().meta({
    description: 'whsec_…: signs every delivery (docs/webhooks.md). Shown once, in this answer only.',
  }),
}).meta({ id: 'CreatedSubscription' });

export const DeliverySchema = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    eventId: z.string(),
    eventType: EventTypeSchema,
    leadId: z.string().nullable(),
    sequence: z.int(),
    status: z.enum(DELIVERY_STATUSES),
    attemptCount: z.int(),
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastStatus: z.int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'Delivery' });

export const DeliveryDetailSchema = DeliverySchema.extend({
  url: z.string(),
  headers: z.record(z.string(), z.string()).meta({
    description: 'What each attempt sends; Qualify-Signature is computed at each attempt from its time.',
  }),
  body: z.string().meta({ description: 'The exact JSON text sent (and signed) on every attempt.' }),
  attempts: z.array(
    z.object({
      attempt: z.int(),
      at: z.string(),
      status: z.int().nullable(),
      error: z.string().nullable(),
      durationMs: z.int(),
      ok: z.boolean(),
    }),
  ),
}).meta({ id: 'DeliveryDetail' });
