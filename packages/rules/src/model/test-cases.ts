import { z } from 'zod';
import { EVENTS_PATH, MAX_EVENTS } from './events.ts';
import { IdSchema } from './ids.ts';
import { StageSchema } from './stages.ts';

/** What a test case expects of its lead's decision; left-out parts are not checked. */
export const TestExpectSchema = z.object({
  /** null: the lead reaches no route. */
  route: z.enum(['sales', 'nurture', 'disqualify']).nullable(),
  stage: StageSchema,
  /** The sales queue, nurture track or disqualification reason. */
  target: z.string().max(200).optional(),
  /** The total score. */
  score: z.number().optional(),
  fit: z.number().optional(),
  engagement: z.number().optional(),
  /** Gate node id -> whether the lead passed it. */
  gates: z.record(z.string(), z.boolean()).optional(),
});
export type TestExpect = z.infer<typeof TestExpectSchema>;

/**
 * A lead with the decision it must get, kept in the workflow document so it travels with the export
 * and gates publishing. It is not compiled into the artifact.
 */
export const TestCaseSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(200),
  /** Its events, like any lead's, at most `MAX_EVENTS` (the runtime refuses more). */
  lead: z.record(z.string(), z.unknown()).refine(
    (lead) => {
      const list = lead[EVENTS_PATH];
      return !Array.isArray(list) || list.length <= MAX_EVENTS;
    },
    {
      path: [EVENTS_PATH],
      error: (issue) =>
        `carries ${((issue.input as Record<string, unknown[]>)[EVENTS_PATH] ?? []).length} events; a lead may carry at most ${MAX_EVENTS} (keep the most recent)`,
    },
  ),
  /** The as-of time the case is evaluated at. */
  now: z.iso.datetime({ offset: true }),
  /** The stored stage, as the runtime would pass it. */
  currentStage: StageSchema.optional(),
  expect: TestExpectSchema,
});
export type TestCase = z.infer<typeof TestCaseSchema>;

/** How many test cases a workflow may keep. */
export const MAX_TEST_CASES = 500;
