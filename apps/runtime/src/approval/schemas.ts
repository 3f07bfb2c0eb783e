import { z } from 'zod';

/** Who may approve a workflow's proposals, and whether publishing needs one. */
export const ApprovalRuleSchema = z
  .object({
    required: z.boolean().meta({ description: 'Publishing needs an approved proposal for the draft.' }),
    role: z.enum(['approver', 'admin']).meta({ description: 'The least role that may approve.' }),
    excludeEditors: z.boolean().meta({
      description: 'Nobody who edited the proposal (saved the draft or proposed it) may approve it.',
    }),
  })
  .meta({ id: 'ApprovalRule' });
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;

export const ApprovalAnswerSchema = z
  .object({
    rule: ApprovalRuleSchema,
    source: z.enum(['workflow', 'default']).meta({
      description:
        '`default`: the workflow sets no rule; with keys required it needs approval by someone who did not edit.',
    }),
  })
  .meta({ id: 'ApprovalAnswer' });

export const CommentSchema = z
  .object({
    id: z.string(),
    by: z.string(),
    at: z.string(),
    text: z.string(),
    verdict: z.enum(['approve', 'request_changes']).nullable(),
  })
  .meta({ id: 'ProposalComment' });
export type CommentRow = z.infer<typeof CommentSchema>;

export const PROPOSAL_STATUSES = ['open', 'approved', 'changes_requested', 'withdrawn', 'published'] as const;

export const ProposalSchema = z
  .object({
    id: z.string().meta({ description: '"p1", "p2"... per workflow.' }),
    revision: z.int().meta({ description: 'The draft revision proposed.' }),
    note: z.string(),
    by: z.string(),
    at: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    editors: z.array(z.string()).meta({
      description: 'Who saved the draft since the last publish, and the proposer.',
    }),
    comments: z.array(CommentSchema),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    withdrawnReason: z.string().optional(),
    publishedVersion: z.int().optional(),
  })
  .meta({ id: 'Proposal' });
export type ProposalRow = z.infer<typeof ProposalSchema>;

export const ProposeBody = z.object({
  note: z.string().trim().max(2000).default(''),
  revision: z.int().min(1).meta({ description: 'The draft revision proposed; 409 when the draft moved on.' }),
});
export const CommentBody = z.object({ text: z.string().trim().min(1).max(2000) });
export const ReviewBody = z.object({
  verdict: z.enum(['approve', 'request_changes']),
  comment: z.string().trim().max(2000).default(''),
});

const TestFailureSchema = z.object({
  what: z.enum(['route', 'target', 'stage', 'score', 'fit', 'engagement', 'gate']),
  gateId: z.string().optional(),
  expected: z.string().meta({ description: 'As a person reads it: "Sales", "SQL", "60", "passed".' }),
  actual: z.string(),
  sentence: z.string().meta({ description: '"Expected route Sales, got Nurture (Nurture: 30-day drip)."' }),
});

export const TestCaseResultSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    passed: z.boolean(),
    failures: z.array(TestFailureSchema),
    actual: z.object({
      route: z.enum(['sales', 'nurture', 'disqualify']).nullable(),
      target: z.string().nullable(),
      stage: z.string(),
      score: z.number(),
      fit: z.number(),
      engagement: z.number(),
    }),
  })
  .meta({ id: 'TestCaseResult' });

export const TestRunSchema = z
  .object({ passed: z.int(), failed: z.int(), results: z.array(TestCaseResultSchema) })
  .meta({
    id: 'TestRun',
    description:
      "The workflow's test cases, each evaluated at its own `now`. Publishing answers 422 test_cases_failed with `failures` (the failed results), `passed` and `failed` when any fails.",
  });
