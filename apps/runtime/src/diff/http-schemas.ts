import { z } from 'zod';
import { MappingParam, NowSchema } from '../schemas.ts';

/** The diff's HTTP shapes (docs/governance.md, "Comparing versions"), for the checks and the OpenAPI document. */

/** Most leads an uploaded impact sample may hold (they are kept in memory to be decided twice). */
export const MOST_IMPACT_LEADS = 100_000;

const SideName = z
  .string()
  .regex(/^(draft|live|v?[1-9]\d{0,5})$/, 'draft, live, or a version number (3 or v3)');

export const DiffQuery = z.object({
  from: SideName.optional().meta({ description: 'Default: the live version, else the latest one.' }),
  to: SideName.optional().meta({ description: 'Default: the draft.' }),
});

export const DiffImpactQuery = DiffQuery.extend({
  mapping: MappingParam,
  now: NowSchema.optional().meta({ description: 'The time every lead is decided at; default now.' }),
});

const SideSchema = z
  .object({
    label: z.string().meta({ description: '"Version 3 (live)", "Draft (revision 7)".' }),
    version: z.int().nullable().meta({ description: 'null: the draft.' }),
  })
  .meta({ id: 'DiffSide' });

/** Leads that went from one route (or stage) to another: in an impact and in a shadow report. */
export const MoveSchema = z
  .object({
    from: z.string().meta({ description: '"Sales (Inbound SDR)", "No route", or a stage.' }),
    to: z.string(),
    count: z.int(),
    examples: z.array(z.string()).meta({
      description:
        'Up to 3: in an impact, lead names (else lead ids, else "lead N"); in a shadow report, lead ids (else decision ids).',
    }),
  })
  .meta({ id: 'Move' });

export const ImpactSchema = z
  .object({
    leads: z.int(),
    routeChanged: z.int(),
    stageChanged: z.int(),
    routeMoves: z.array(MoveSchema).meta({ description: 'Most first.' }),
    stageMoves: z.array(MoveSchema).meta({ description: 'Most first.' }),
    sentence: z
      .string()
      .meta({ description: '"3 of 12 leads change route: 2 from Sales (Inbound SDR) to …"' }),
  })
  .meta({ id: 'Impact' });

const ChangeSchema = z
  .object({
    kind: z.enum([
      'workflow',
      'field_added',
      'field_removed',
      'field_changed',
      'step_added',
      'step_removed',
      'step_changed',
      'connection_changed',
      'test_case_added',
      'test_case_removed',
      'test_case_changed',
    ]),
    nodeId: z.string().optional(),
    field: z.string().optional(),
    testCaseId: z.string().optional(),
    sentence: z.string().meta({
      description: 'One sentence in the product\'s words: "Fit score: "Director or above" 10 → 15 points."',
    }),
  })
  .meta({ id: 'Change' });

export const DiffSchema = z
  .object({
    from: SideSchema,
    to: SideSchema,
    changes: z.array(ChangeSchema),
    impact: ImpactSchema.nullable().meta({
      description: 'null when a side does not compile (see impactIssue).',
    }),
    impactIssue: z.string().optional(),
    sample: z.object({
      source: z.literal('test_cases_and_samples'),
      leads: z.int().meta({
        description: "Both sides' test cases, and the sample leads of the template the workflow came from.",
      }),
    }),
  })
  .meta({ id: 'Diff' });

export const DiffImpactSchema = z
  .object({
    from: SideSchema,
    to: SideSchema,
    impact: ImpactSchema,
    rows: z.int().meta({ description: 'Leads read and decided.' }),
    skipped: z.int().meta({ description: 'Lines that could not be read as a lead.' }),
    skippedLines: z
      .array(z.object({ line: z.int(), code: z.string(), detail: z.string() }))
      .meta({ description: 'The first 10 of them.' }),
  })
  .meta({ id: 'DiffImpact' });
