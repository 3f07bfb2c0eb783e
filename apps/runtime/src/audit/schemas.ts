import { z } from 'zod';
import { AUDIT_ACTIONS } from './types.ts';

const Time = z.iso.datetime({ offset: true });

export const AuditQuery = z.object({
  workflow: z.string().max(100).optional().meta({ description: 'Only entries about this workflow id.' }),
  actor: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'Only entries by this principal ("local", a key\'s name).' }),
  action: z.enum(AUDIT_ACTIONS).optional(),
  since: Time.optional().meta({ description: 'ISO time; only entries at or after it.' }),
  until: Time.optional().meta({ description: 'ISO time; only entries before it.' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'a nextCursor from an earlier page')
    .optional(),
});

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    seq: z.int().meta({ description: 'Position in the trail, from 1; entries are never edited or removed.' }),
    at: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    actor: z.string().meta({ description: 'Who: "local", the API key\'s name, "seed" or "keys command".' }),
    workflowId: z.string().nullable(),
    version: z.int().optional(),
    revision: z.int().optional(),
    proposalId: z.string().optional(),
    detail: z.string().meta({ description: 'One sentence: "Saved the draft (revision 7)."' }),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});
