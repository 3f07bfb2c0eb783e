import {
  EVALUATED_AT_NAMES,
  EVENT_TIME,
  EVENTS_PATH,
  MAX_EVENTS,
  parseIsoDate,
  SCHEMA_VERSION,
  STAGES,
  WorkflowSchema,
} from '@qualify/rules';
import { z } from 'zod';

/** Roles from least to most powerful; each role may do everything the ones before it may. */
export const ROLES = ['evaluator', 'editor', 'approver', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const shape = WorkflowSchema.shape;

/**
 * What a draft must be to be saved: the document's outline (id, name, lists of fields, nodes and
 * edges). What is inside the lists is checked by `validate`, so unfinished work can still be saved.
 */
export const DraftSchema = z
  .looseObject({
    // Older versions are stored as sent and migrated wherever a draft is read (validate, compile).
    schemaVersion: z.int().min(1).max(SCHEMA_VERSION),
    id: shape.id,
    name: shape.name,
    description: z.string().max(5000).optional(),
    fields: z.array(z.unknown()).max(500),
    nodes: z.array(z.unknown()).max(5000),
    edges: z.array(z.unknown()).max(20000),
  })
  .meta({
    id: 'WorkflowDraft',
    description: 'A workflow document (see Workflow); `validate` checks its content.',
  });
export type Draft = z.infer<typeof DraftSchema>;

/** Any JSON object offered for validation or compilation: its problems come back as issues, not as 422 here. */
export const AnyWorkflowSchema = z
  .looseObject({})
  .meta({ description: 'A workflow document; problems are reported as issues with node ids.' });

const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A check rather than `z.looseObject({})`, which copies every key of the lead into a new object: on
 * the evaluate path that copy cost more than the evaluation (measured under load).
 */
export const LeadSchema = z
  .custom<Record<string, unknown>>(isJsonObject, {
    error: (issue) =>
      `Invalid input: expected object, received ${Array.isArray(issue.input) ? 'array' : issue.input === null ? 'null' : typeof issue.input}`,
  })
  .meta({
    id: 'Lead',
    type: 'object',
    description:
      'The lead: a JSON object read through the workflow field catalogue (dotted paths), with what it did in `events` when the workflow counts events.',
    properties: {
      [EVENTS_PATH]: {
        type: 'array',
        maxItems: MAX_EVENTS,
        description: `What the lead did, read by events conditions ("at least 3 pricing page views in the last 7 days"). At most ${MAX_EVENTS}: more is refused, 422 too_many_events (in a batch, backtest or impact upload, that line's error). Missing or null: unknown (events conditions are unknown, not 0). Not a list: a data issue (wrong_type), unknown. An item that is not an object, or has no readable \`${EVENT_TIME}\`, is left out and counted in a data issue (wrong_type, unreadable_date). In a CSV upload, the column named (or mapped to) events holds this list as JSON text.`,
        items: {
          type: 'object',
          required: [EVENT_TIME],
          properties: {
            [EVENT_TIME]: {
              type: ['string', 'number'],
              description: 'When it happened: ISO 8601 text, or epoch milliseconds.',
            },
            type: {
              type: 'string',
              description:
                "What happened (page_view, demo_request…); the workflow's events catalogue lists the properties conditions test.",
            },
          },
          additionalProperties: true,
        },
      },
    },
    additionalProperties: true,
  });

export const NowSchema = z.iso
  .datetime({ offset: true })
  .meta({ description: 'Evaluation time, ISO 8601; defaults to the server clock.' });

export const PutWorkflowBody = z.object({ workflow: DraftSchema, revision: z.int().min(1) });
/** Strict, so a workflow posted without its `{ workflow }` wrapper is a 422, not a silent check of the stored draft. */
export const OptionalWorkflowBody = z.strictObject({ workflow: AnyWorkflowSchema.optional() });
export const PublishBody = z.object({
  note: z.string().max(2000).default(''),
  revision: z
    .int()
    .min(1)
    .optional()
    .meta({ description: 'When given, publish only if the draft is still at this revision (else 409).' }),
  overrideTests: z
    .object({ reason: z.string().trim().min(1).max(1000) })
    .optional()
    .meta({
      description:
        "Publish although the draft's test cases fail (422 test_cases_failed otherwise); the reason and the failing cases are recorded on the version and in the audit trail.",
    }),
});
export const LiveBody = z.object({ version: z.int().min(1) });
export const EvaluateBody = z.object({ lead: LeadSchema, now: NowSchema.optional() });
export const DraftEvaluateBody = EvaluateBody.extend({ workflow: AnyWorkflowSchema.optional() });
export const CreateKeyBody = z.object({ name: z.string().trim().min(1).max(100), role: RoleSchema });

const positiveInt = z.coerce.number().int().min(1);
export const VersionQuery = z.object({ version: positiveInt.optional() });
const ViewSchema = z.enum(['full', 'summary']).default('full').meta({
  description:
    '`full` (default): the whole decision receipt. `summary`: decisionId, workflow, route, stage, score totals and data issues only, for bulk syncs that need no explanation.',
});
export const EvaluateQuery = VersionQuery.extend({ view: ViewSchema });
/** Which column feeds which field, for a CSV batch or a backtest: it adjusts the mapping by name. */
export const MappingParam = z.string().max(20_000).optional().meta({
  description:
    'JSON object { "<column>": "<field path>" | null }. Adjusts the mapping by name: the columns it names feed what it says (null: the column is dropped); the other columns keep their match by name.',
});
/** An as-of date as the product reads every date (`parseIsoDate`), or `latest`. */
const AsOfSchema = z
  .string()
  .max(64)
  .refine((v) => v === 'latest' || Number.isFinite(parseIsoDate(v)), {
    error: (issue) =>
      `"${String(issue.input).slice(0, 64)}" is not an ISO 8601 date or date-time (such as 2026-03-31 or 2026-03-31T18:00:00Z), nor "latest"`,
  })
  .meta({
    description:
      'One time for every row (with evaluatedAtColumn: for rows without a readable time): an ISO 8601 date or date-time, or `latest`, the latest date in the columns mapped to date fields. Default: latest, unless the headers suggest an evaluatedAtColumn.',
  });
const EvaluatedAtColumnSchema = z
  .string()
  .min(1)
  .max(200)
  .meta({
    description: `The column (CSV header / NDJSON key) holding when each row was true (ISO 8601 text or epoch ms): each row is evaluated as of its own time. Default when asOf is not given: a header named, ignoring case and punctuation, ${EVALUATED_AT_NAMES.join(', ')} (the earliest of these names first).`,
  });
export const BatchQuery = VersionQuery.extend({
  now: NowSchema.optional(),
  view: ViewSchema,
  mapping: MappingParam,
  evaluatedAtColumn: EvaluatedAtColumnSchema.optional().meta({
    description:
      'Evaluate each lead as of its own time: a CSV header, or a key (dotted path) of a JSON lead, holding ISO 8601 text or epoch ms. A lead without a readable time is evaluated at now (or the request time) and its line says so in evaluatedAtIssue.',
  }),
});
const VERSION_NAME = '(live|draft|v[1-9]\\d{0,5})';
export const BacktestQuery = z.object({
  outcome: z.string().min(1).max(200).meta({
    description:
      'The column (CSV header / NDJSON key) that says whether the lead converted; matched as headers are, ignoring case, spaces and punctuation when no column is spelled exactly so.',
  }),
  mapping: MappingParam,
  versions: z
    .string()
    .regex(new RegExp(`^${VERSION_NAME}(,${VERSION_NAME})?$`), '1 or 2 of live, draft, v<N>, comma separated')
    .optional()
    .meta({
      description: 'Default live,draft (draft alone when nothing is live); the first is the baseline.',
    }),
  now: NowSchema.optional().meta({
    description: 'The older name of asOf (an ISO date-time with offset); give one of them.',
  }),
  asOf: AsOfSchema.optional(),
  evaluatedAtColumn: EvaluatedAtColumnSchema.optional(),
  sweep: z
    .string()
    .regex(/^[^:]{1,100}:[^:]{1,100}$/, '<branch node id>:<tier id>')
    .optional()
    .meta({ description: "Also sweep this tier's threshold over the last version." }),
  thresholds: z
    .string()
    .max(1000)
    .optional()
    .meta({ description: 'Comma-separated numbers; default the current threshold ± 30 in steps of 5.' }),
  rows: z.enum(['true', 'false']).optional().meta({ description: 'true: one `row` line per evaluated row.' }),
});
export const ListWorkflowsQuery = z.object({ archived: z.enum(['true', 'false']).optional() });

export const RouteKindSchema = z.enum(['sales', 'nurture', 'disqualify']);
export const DECISION_ID = /^[0-9a-f]{30}$/;
export const DecisionQuery = z.object({
  workflow: z.string().max(100).optional(),
  lead: z.string().max(320).optional().meta({ description: 'Matches the lead id or the e-mail address.' }),
  route: RouteKindSchema.optional(),
  stage: z.enum(STAGES).optional(),
  since: NowSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(DECISION_ID, 'a nextCursor from an earlier page').optional(),
});

/** A sales leader's agreement to a version (the SLA view's "Sign off"). */
export const SignoffBody = z.object({
  name: z.string().trim().min(1).max(200).meta({ description: 'Who agrees: "Dana Reyes".' }),
  title: z.string().trim().min(1).max(200).meta({ description: 'Their role in the agreement: "VP Sales".' }),
  version: z.int().min(1).meta({ description: 'The version agreed to; it must exist.' }),
  note: z.string().trim().max(2000).default(''),
});

export const VolumeQuery = z.object({
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(26)
    .default(4)
    .meta({ description: 'Weeks back from now, 1–26.' }),
});
