import type { Artifact } from '@qualify/rules';
import { z } from 'zod';
import { PROBLEM_TITLES, type ProblemCode } from './problem.ts';
import { ROLES } from './schemas.ts';
import type { KeyRow, VersionRow, WorkflowRow } from './store.ts';

export const WorkflowSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    archived: z.boolean(),
    revision: z.int(),
    updatedAt: z.string(),
    liveVersion: z.int().nullable(),
    latestVersion: z.int().nullable(),
    hasUnpublishedChanges: z.boolean(),
  })
  .meta({ id: 'WorkflowSummary' });
export type WorkflowSummary = z.infer<typeof WorkflowSummarySchema>;

export const WorkflowRecordSchema = WorkflowSummarySchema.extend({
  workflow: z.looseObject({}),
  draftEditors: z.array(z.string()).meta({
    description: 'Who saved the draft since the last publish (or since it was created).',
  }),
}).meta({ id: 'WorkflowRecord' });

export const VersionSummarySchema = z
  .object({
    number: z.int(),
    note: z.string(),
    publishedBy: z.string(),
    publishedAt: z.string(),
    live: z.boolean(),
    proposalId: z.string().optional().meta({ description: 'The approved proposal it was published from.' }),
    approvedBy: z.string().optional().meta({ description: 'Who approved that proposal.' }),
    testOverride: z
      .object({ reason: z.string(), by: z.string(), failed: z.array(z.string()) })
      .optional()
      .meta({ description: 'Published although these test cases (names) failed: who decided and why.' }),
  })
  .meta({ id: 'VersionSummary' });
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

export const VersionSchema = VersionSummarySchema.extend({
  workflow: z.looseObject({}),
  artifact: z.looseObject({}),
}).meta({ id: 'Version' });

export const KeyInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiKey' });
export const CreatedKeySchema = KeyInfoSchema.extend({
  key: z.string().meta({ description: 'Shown once; only its sha256 is stored.' }),
}).meta({ id: 'CreatedApiKey' });

/** Only the draft's outline is trusted here: `DraftSchema` guaranteed `name` when it was saved. */
export function summaryOf(row: WorkflowRow): WorkflowSummary {
  const latest = row.versions.at(-1);
  return {
    id: row.id,
    name: String(row.draft.name),
    description: typeof row.draft.description === 'string' ? row.draft.description : '',
    archived: row.archived,
    revision: row.revision,
    updatedAt: row.updatedAt,
    liveVersion: row.liveVersion,
    latestVersion: latest?.number ?? null,
    hasUnpublishedChanges: latest === undefined || latest.fromRevision !== row.revision,
  };
}

export const recordOf = (row: WorkflowRow) => ({
  ...summaryOf(row),
  workflow: row.draft,
  draftEditors: row.draftEditors ?? [],
});

export function versionSummaryOf(row: WorkflowRow, v: VersionRow): VersionSummary {
  return {
    number: v.number,
    note: v.note,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    live: row.liveVersion === v.number,
    ...(v.proposalId !== undefined && { proposalId: v.proposalId }),
    ...(v.approvedBy !== undefined && { approvedBy: v.approvedBy }),
    ...(v.testOverride !== undefined && { testOverride: v.testOverride }),
  };
}

export const versionOf = (row: WorkflowRow, v: VersionRow) => ({
  ...versionSummaryOf(row, v),
  workflow: v.workflow,
  artifact: v.artifact as Artifact,
});

export const keyInfoOf = ({ id, name, role, prefix, createdAt }: KeyRow) => ({
  id,
  name,
  role,
  prefix,
  createdAt,
});

export const DecisionLogEntrySchema = z
  .object({
    decisionId: z.string(),
    workflowId: z.string(),
    version: z.int(),
    leadId: z.string().nullable().meta({
      description:
        "The lead's id: the value of the catalogue field marked as the lead id, else the lead's `id` (text or a number, as text).",
    }),
    email: z.string().nullable(),
    route: z.enum(['sales', 'nurture', 'disqualify']).nullable(),
    target: z.string().nullable(),
    routeNodeId: z.string().nullable().optional().meta({
      description:
        'The route node the lead reached (absent from entries logged before the runtime recorded it).',
    }),
    stage: z.string(),
    score: z.number(),
    at: z.string(),
  })
  .meta({ id: 'DecisionLogEntry' });

export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string().meta({ description: 'A short sentence for people, one per code.' }),
  status: z.int(),
  code: z.enum(Object.keys(PROBLEM_TITLES) as [ProblemCode, ...ProblemCode[]]),
  detail: z
    .string()
    .meta({ description: 'What went wrong and what to do; what the request sent is cut to 80 characters.' }),
});

export const SignoffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    version: z.int(),
    note: z.string(),
    recordedBy: z.string().meta({ description: 'The API key (or `local`) that recorded the sign-off.' }),
    at: z.string(),
  })
  .meta({ id: 'Signoff' });

export const VolumeSchema = z
  .object({
    workflowId: z.string(),
    weeks: z.int(),
    from: z.string().meta({ description: 'Start of the first week: `weeks` × 7 days before `to`.' }),
    to: z.string().meta({ description: 'Now, by the server clock.' }),
    weekStarts: z.array(z.string()).meta({ description: 'Start of each 7-day week, oldest first.' }),
    decisions: z.int().meta({ description: 'Decisions for the workflow in the window.' }),
    noRoute: z.int().meta({ description: 'Of those, decisions that reached no route.' }),
    routes: z.array(
      z.object({
        nodeId: z.string(),
        label: z.string().meta({ description: "The route's label, else its queue, track or reason." }),
        kind: z.enum(['sales', 'nurture', 'disqualify']),
        target: z.string(),
        current: z.boolean().meta({
          description:
            'In the live version (else the newest, else the draft); false: only older versions had it.',
        }),
        perWeek: z.array(z.int()).meta({ description: 'Decisions per week, oldest first.' }),
        total: z.int(),
        weeklyAverage: z.number().meta({ description: 'total / weeks, to one decimal.' }),
      }),
    ),
    message: z.string().nullable().meta({
      description:
        'Set when the log has no decisions for the workflow in the window: say so rather than show zeros.',
    }),
  })
  .meta({ id: 'ExpectedVolume' });
export type Volume = z.infer<typeof VolumeSchema>;
