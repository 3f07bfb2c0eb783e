import { z } from 'zod';
import { MoveSchema } from '../diff/http-schemas.ts';
import { NowSchema } from '../schemas.ts';

/** The shadow run's HTTP shapes (docs/governance.md, "Shadow runs"), for the checks and the OpenAPI document. */

export const ChallengerBody = z
  .union([
    z.strictObject({
      version: z.int().min(1).meta({ description: 'A published version of this workflow.' }),
    }),
    z.strictObject({
      proposal: z
        .string()
        .max(40)
        .meta({ description: 'An open or approved proposal ("p2"): the draft revision it proposes.' }),
    }),
  ])
  .meta({ id: 'ChallengerBody', description: 'What to run as the challenger.' });

const SourceSchema = z.union([
  z.object({ kind: z.literal('version'), version: z.int() }),
  z.object({ kind: z.literal('proposal'), proposalId: z.string(), revision: z.int() }),
]);

const ChallengerFields = {
  id: z.string().meta({ description: '"c1", "c2"... per workflow; shadow entries and reports name it.' }),
  source: SourceSchema,
  label: z.string().meta({ description: '"Version 3", "Proposal p2 (revision 9)".' }),
  startedBy: z.string(),
  startedAt: z.string(),
};

export const ChallengerSchema = z
  .object({
    ...ChallengerFields,
    workflow: z.looseObject({}).meta({ description: 'The snapshot evaluated.' }),
  })
  .meta({ id: 'Challenger' });

export const PastChallengerSchema = z
  .object({ ...ChallengerFields, stoppedBy: z.string(), stoppedAt: z.string() })
  .meta({ id: 'PastChallenger' });

export const ChallengerStateSchema = z
  .object({
    challenger: ChallengerSchema.nullable().meta({ description: 'The running challenger; null: none.' }),
    past: z
      .array(PastChallengerSchema)
      .meta({ description: 'Stopped or replaced challengers, newest first.' }),
  })
  .meta({ id: 'ChallengerState' });

export const ShadowReportQuery = z.object({
  challenger: z
    .string()
    .regex(/^c\d{1,9}$/, 'a challenger id such as "c2"')
    .optional()
    .meta({ description: 'Default: the running challenger, else the last one stopped.' }),
  since: NowSchema.optional().meta({ description: 'ISO time; default: when the challenger started.' }),
  until: NowSchema.optional().meta({
    description: 'ISO time, exclusive; default: when it stopped, else now.',
  }),
});

export const ShadowReportSchema = z
  .object({
    challenger: z
      .object({ ...ChallengerFields, running: z.boolean(), stoppedAt: z.string().nullable() })
      .meta({ id: 'ShadowReportChallenger' }),
    since: z.string(),
    until: z.string(),
    evaluations: z.int().meta({ description: 'Live evaluations the challenger also decided in the period.' }),
    agreed: z.int().meta({ description: 'Of them, those with the same route (kind and target) and stage.' }),
    agreementRate: z.number().nullable().meta({ description: 'agreed / evaluations; null with none.' }),
    routeMoves: z.array(MoveSchema).meta({ description: 'Route changes, most first.' }),
    stageMoves: z.array(MoveSchema).meta({ description: 'Stage changes, most first.' }),
    scores: z.object({
      bins: z.array(
        z.object({
          from: z.number(),
          to: z.number().meta({ description: 'Exclusive.' }),
          live: z.int(),
          challenger: z.int(),
        }),
      ),
    }),
  })
  .meta({ id: 'ShadowReport' });
