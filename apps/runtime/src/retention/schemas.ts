import { z } from 'zod';

const count = (description: string) => z.int().min(0).meta({ description });

export const ErasedCountsSchema = z
  .object({
    decisions: count('Decision log entries with one of the lead ids or e-mails.'),
    shadowEntries: count('Shadow-run entries of the lead ids.'),
    leads: count('Lead state rows: stage, owner, pool, queue.'),
    assignments: count('Assignments to a rep or queue.'),
    slaTimers: count('SLA timers, with their escalation steps.'),
    leadEvents: count('CRM lead events.'),
    outboxEvents: count('Webhook events in the outbox.'),
    deliveries: count('Deliveries of those events, with their attempts.'),
    deliveriesCancelled: count('Of the deliveries, those not yet sent: cancelled, never sent.'),
  })
  .meta({ id: 'ErasedCounts' });

export const ErasureSchema = z
  .object({
    leadId: z.string().meta({ description: 'The lead id or e-mail address asked for.' }),
    matched: z.object({
      leadIds: z.array(z.string()).meta({ description: 'The value, and the lead ids logged with it.' }),
      emails: z.array(z.string()).meta({ description: 'The e-mails (lower case) logged with those.' }),
    }),
    erased: ErasedCountsSchema,
    at: z.string(),
  })
  .meta({ id: 'Erasure' });

export const SweepRecordSchema = z
  .object({
    at: z.string().meta({ description: 'When the sweep started.' }),
    before: z.string().meta({ description: 'The cut: midnight UTC RETENTION_DAYS back.' }),
    durationMs: z.int(),
    deleted: ErasedCountsSchema,
    error: z.string().optional().meta({ description: 'Why part of it failed; the next sweep tries again.' }),
  })
  .meta({ id: 'SweepRecord' });

export const OpsSchema = z
  .object({
    retention: z.object({
      days: z.int().nullable().meta({ description: 'RETENTION_DAYS; null: everything is kept.' }),
      sweepEveryMs: z.int(),
      lastSweep: SweepRecordSchema.nullable().meta({
        description: 'The last sweep of any replica; null before the first (or with retention off).',
      }),
    }),
  })
  .meta({ id: 'Ops' });
