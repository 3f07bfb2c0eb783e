import { WorkflowSchema } from '@qualify/rules';
import { z } from 'zod';
import {
  ApprovalAnswerSchema,
  ApprovalRuleSchema,
  CommentBody,
  ProposalSchema,
  ProposeBody,
  ReviewBody,
  TestRunSchema,
} from './approval/schemas.ts';
import { AuditPageSchema, AuditQuery } from './audit/schemas.ts';
import { EvaluatedAtSchema } from './backtest-time.ts';
import { DiffImpactQuery, DiffImpactSchema, DiffQuery, DiffSchema } from './diff/http-schemas.ts';
import {
  HandoffAnswerSchema,
  LeadDetailSchema,
  LeadEventBodySchema,
  LeadEventResultSchema,
  PoolBodySchema,
  PoolSchema,
  SlaPageSchema,
  SlaQuerySchema,
} from './handoff/http-schemas.ts';
import { ErasureSchema, OpsSchema } from './retention/schemas.ts';
import {
  BacktestQuery,
  BatchQuery,
  CreateKeyBody,
  DecisionQuery,
  DraftEvaluateBody,
  DraftSchema,
  EvaluateBody,
  EvaluateQuery,
  ListWorkflowsQuery,
  LiveBody,
  OptionalWorkflowBody,
  PublishBody,
  PutWorkflowBody,
  type Role,
  SignoffBody,
  VolumeQuery,
} from './schemas.ts';
import {
  ChallengerBody,
  ChallengerStateSchema,
  PromoteBody,
  PromoteResultSchema,
  ShadowReportQuery,
  ShadowReportSchema,
} from './shadow/http-schemas.ts';
import {
  CreatedKeySchema,
  DecisionLogEntrySchema,
  KeyInfoSchema,
  ProblemSchema,
  SignoffSchema,
  VersionSchema,
  VersionSummarySchema,
  VolumeSchema,
  WorkflowRecordSchema,
  WorkflowSummarySchema,
} from './views.ts';
import {
  CreatedSubscriptionSchema,
  CreateSubscriptionBody,
  DeliveryDetailSchema,
  DeliveryQuery,
  DeliverySchema,
  SubscriptionSchema,
  UpdateSubscriptionBody,
} from './webhooks/schemas.ts';

type JsonSchema = Record<string, unknown>;

interface Op {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  role?: Role | 'any';
  body?: z.ZodType;
  bodyType?: string[];
  query?: z.ZodObject;
  status?: number;
  answer?: z.ZodType | JsonSchema;
  answerType?: string;
}

const defs: Record<string, unknown> = {};

/** JSON Schema of a zod schema, its named parts moved to components so they are listed once. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  const rewrite = (v: unknown) =>
    JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [name, def] of Object.entries(($defs ?? {}) as JsonSchema)) defs[name] = rewrite(def);
  return rewrite(rest);
}

const items = (s: z.ZodType) => z.object({ items: z.array(s) });
const Decision = z.looseObject({
  decisionId: z.string(),
  route: z.unknown(),
  stage: z.string(),
  priorStage: z.string().nullable(),
  stageKept: z.boolean(),
  score: z.unknown(),
  grade: z.string().optional().meta({
    description: 'Fit × engagement, A1 to C3; only for a workflow with grade bands (docs/artifact.md).',
  }),
  limits: z
    .array(z.unknown())
    .optional()
    .meta({ description: 'Each score floor or cap that held a score (full receipt only).' }),
  events: z.array(z.unknown()).optional().meta({
    description:
      'What each events count on the path counted; null counts: no events list (full receipt only).',
  }),
  handoff: HandoffAnswerSchema.optional().meta({
    description:
      'For a lead with a lead id or a sales route: its stage, owner and SLA as the runtime keeps them, answered once committed (docs/handoff.md).',
  }),
});
const Issues = z.object({
  issues: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      nodeId: z.string().optional(),
      path: z.string().optional(),
    }),
  ),
});

const OPS: Op[] = [
  {
    method: 'get',
    path: '/v1/templates',
    summary: 'Example workflows with sample leads',
    answer: items(z.looseObject({ id: z.string() })),
  },
  {
    method: 'get',
    path: '/v1/workflows',
    summary: 'List workflows',
    query: ListWorkflowsQuery,
    answer: items(WorkflowSummarySchema),
  },
  {
    method: 'post',
    path: '/v1/workflows',
    summary: 'Create a workflow',
    role: 'editor',
    body: DraftSchema,
    status: 201,
    answer: WorkflowRecordSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}',
    summary: 'A workflow and its draft',
    answer: WorkflowRecordSchema,
  },
  {
    method: 'put',
    path: '/v1/workflows/{id}',
    summary: 'Save the draft (revision check)',
    role: 'editor',
    body: PutWorkflowBody,
    answer: WorkflowRecordSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/archive',
    summary: 'Archive',
    role: 'editor',
    answer: WorkflowRecordSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/unarchive',
    summary: 'Unarchive',
    role: 'editor',
    answer: WorkflowRecordSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/validate',
    summary: 'Validate the given or stored draft',
    body: OptionalWorkflowBody,
    answer: Issues,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/compile',
    summary: 'Compile the given or stored draft',
    body: OptionalWorkflowBody,
    answer: z.object({ artifact: z.looseObject({}) }),
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/publish',
    summary:
      "Publish the draft as the next version, live. When the approval rule requires it, only an approved proposal of the current revision (409 approval_required otherwise). The draft's test cases run first: any failure answers 422 test_cases_failed with `failures` (TestCaseResult) unless overrideTests gives a reason",
    role: 'approver',
    body: PublishBody,
    status: 201,
    answer: VersionSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/approval',
    summary: "The workflow's approval rule, or the default (keys required: a second person approves)",
    answer: ApprovalAnswerSchema,
  },
  {
    method: 'put',
    path: '/v1/workflows/{id}/approval',
    summary: 'Set the approval rule',
    role: 'admin',
    body: ApprovalRuleSchema,
    answer: ApprovalAnswerSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/proposals',
    summary: 'Proposals, newest first',
    answer: items(ProposalSchema),
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/proposals',
    summary:
      'Propose the draft at this revision for review (409 revision_conflict when stale, proposal_exists when one is open or approved)',
    role: 'editor',
    body: ProposeBody,
    status: 201,
    answer: ProposalSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/proposals/{pid}',
    summary: 'One proposal with its comments',
    answer: ProposalSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/proposals/{pid}/comments',
    summary: 'Comment on a proposal',
    role: 'editor',
    body: CommentBody,
    answer: ProposalSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/proposals/{pid}/review',
    summary:
      "Approve or ask for changes: the rule's role or above (403 forbidden); 403 self_approval when the rule excludes editors and the caller edited it; 409 proposal_not_open",
    role: 'editor',
    body: ReviewBody,
    answer: ProposalSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/proposals/{pid}/withdraw',
    summary: 'Withdraw an open or approved proposal (saving the draft withdraws it too)',
    role: 'editor',
    answer: ProposalSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/test-cases/run',
    summary: 'Run the test cases of the workflow sent, else of the stored draft, without publishing',
    role: 'editor',
    body: OptionalWorkflowBody,
    answer: TestRunSchema,
  },
  {
    method: 'get',
    path: '/v1/audit',
    summary: 'The audit trail: who changed what and when, newest first',
    role: 'editor',
    query: AuditQuery,
    answer: AuditPageSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/versions',
    summary: 'Versions, newest first',
    answer: items(VersionSummarySchema),
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/versions/{n}',
    summary: 'One version with its artifact',
    answer: VersionSchema,
  },
  {
    method: 'put',
    path: '/v1/workflows/{id}/live',
    summary: 'Choose the live version (rollback)',
    role: 'approver',
    body: LiveBody,
    answer: WorkflowRecordSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/signoffs',
    summary: "Record a sales leader's sign-off of a version",
    role: 'approver',
    body: SignoffBody,
    status: 201,
    answer: SignoffSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/signoffs',
    summary: 'Sign-offs, newest first',
    answer: items(SignoffSchema),
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/volume',
    summary: 'Expected weekly volume per route, from the decision log',
    query: VolumeQuery,
    answer: VolumeSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/diff',
    summary:
      'What changed between two versions (or the draft), in sentences, and its impact on the sample leads',
    query: DiffQuery,
    answer: DiffSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/diff/impact',
    summary: 'The impact of the change on an uploaded file of leads',
    role: 'evaluator',
    query: DiffImpactQuery,
    bodyType: ['text/csv', 'application/x-ndjson', 'application/json'],
    answer: DiffImpactSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/challenger',
    summary: 'The running challenger (shadow run) and the past ones',
    answer: ChallengerStateSchema,
  },
  {
    method: 'put',
    path: '/v1/workflows/{id}/challenger',
    summary: 'Start a challenger beside the live version (replaces a running one)',
    role: 'approver',
    body: ChallengerBody,
    answer: ChallengerStateSchema,
  },
  {
    method: 'delete',
    path: '/v1/workflows/{id}/challenger',
    summary: 'Stop the running challenger',
    role: 'approver',
    answer: ChallengerStateSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/challenger/promote',
    summary:
      'Promote the challenger: saved as the draft and proposed, or, when it is the approved proposal of the draft, published (approver)',
    role: 'editor',
    body: PromoteBody,
    status: 201,
    answer: PromoteResultSchema,
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/shadow/report',
    summary: "A challenger's shadow report: agreement, route and stage moves, both score distributions",
    query: ShadowReportQuery,
    answer: ShadowReportSchema,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/evaluate',
    summary:
      'Evaluate a lead (logged); 422 too_many_events when it carries more events than one evaluation reads (1,000)',
    role: 'evaluator',
    body: EvaluateBody,
    query: EvaluateQuery,
    answer: Decision,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/draft/evaluate',
    summary:
      'Evaluate against the draft (not logged); its hand-off is a preview (nothing assigned); 422 too_many_events over 1,000 events',
    role: 'editor',
    body: DraftEvaluateBody,
    answer: Decision,
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/evaluate/batch',
    summary: 'Evaluate many leads; NDJSON answer, one line per input line',
    role: 'evaluator',
    bodyType: ['application/json', 'application/x-ndjson', 'text/csv'],
    query: BatchQuery,
    answer: {
      type: 'string',
      description:
        'NDJSON, one line per input line: { line, decisionId, ...Decision } or { line, error: { code, detail } } (a lead over 1,000 events: too_many_events; a CSV events cell that is not JSON: events_unreadable); a CSV upload first answers its header, { line, headers, mapping: { "<column>": "<lead path>" | null }, unmappedFields: ["<field path>"] } (docs/api-contract.md, "Reading uploads")',
    },
    answerType: 'application/x-ndjson',
  },
  {
    method: 'post',
    path: '/v1/workflows/{id}/backtest',
    summary: 'Backtest historical leads against live, draft or a version; NDJSON answer, streamed',
    role: 'editor',
    bodyType: ['text/csv', 'application/x-ndjson'],
    query: BacktestQuery,
    answer: {
      type: 'string',
      description:
        'NDJSON: { type: "start", headers, mapping, unmappedFields, outcome, versions, evaluatedAt }, { type: "progress", rows } every 1,000 rows, { type: "row", line, leadId, converted, outcomes } with rows=true, then { type: "result", evaluatedAt } (bad rows sampled as { line, code, error }, too_many_events and events_unreadable among them) or { type: "error", code, detail } (docs/api-contract.md). evaluatedAt says which time the rows were evaluated at: #/components/schemas/BacktestEvaluatedAt.',
    },
    answerType: 'application/x-ndjson',
  },
  {
    method: 'get',
    path: '/v1/decisions',
    summary: 'Decision log, newest first',
    query: DecisionQuery,
    answer: z.object({ items: z.array(DecisionLogEntrySchema), nextCursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/v1/decisions/{id}',
    summary: 'One logged decision',
    answer: DecisionLogEntrySchema,
  },
  {
    method: 'get',
    path: '/v1/me',
    summary: 'Who the caller is',
    answer: z.object({ role: z.string(), name: z.string(), mode: z.enum(['local', 'key']) }),
  },
  {
    method: 'get',
    path: '/v1/team/pools',
    summary: 'Team pools with their reps and how many leads each has today',
    answer: items(PoolSchema),
  },
  { method: 'get', path: '/v1/team/pools/{poolId}', summary: 'One team pool', answer: PoolSchema },
  {
    method: 'put',
    path: '/v1/team/pools/{poolId}',
    summary: 'Create (201) or replace a team pool (revision check)',
    role: 'editor',
    body: PoolBodySchema,
    answer: PoolSchema,
  },
  {
    method: 'delete',
    path: '/v1/team/pools/{poolId}',
    summary: 'Delete a team pool (409 pool_in_use while a live version assigns from it)',
    role: 'editor',
    status: 204,
  },
  {
    method: 'post',
    path: '/v1/leads/{leadId}/events',
    summary: 'Tell the runtime what happened to a lead in the CRM (idempotent by eventId; 200 for a repeat)',
    role: 'evaluator',
    body: LeadEventBodySchema,
    status: 201,
    answer: LeadEventResultSchema,
  },
  {
    method: 'get',
    path: '/v1/leads/{leadId}',
    summary: "A lead's stage, owner, SLA and CRM events",
    answer: LeadDetailSchema,
  },
  {
    method: 'delete',
    path: '/v1/leads/{leadId}',
    summary:
      'Erase everything kept about a lead (a lead id or an e-mail): its decisions, shadow entries, state, SLA timers, CRM events and webhook outbox, undelivered deliveries cancelled. Idempotent: a lead with nothing left answers 200 with zero counts (docs/runtime.md, "Erasing a lead")',
    role: 'admin',
    answer: ErasureSchema,
  },
  {
    method: 'get',
    path: '/v1/ops',
    summary: 'What the runtime does on its own: RETENTION_DAYS and the last retention sweep',
    answer: OpsSchema,
  },
  {
    method: 'get',
    path: '/v1/sla',
    summary: 'Open SLA timers, soonest due first, with counts by status, owner and pool',
    query: SlaQuerySchema,
    answer: SlaPageSchema,
  },
  { method: 'get', path: '/v1/keys', summary: 'API keys', role: 'admin', answer: items(KeyInfoSchema) },
  {
    method: 'post',
    path: '/v1/keys',
    summary: 'Create an API key (shown once)',
    role: 'admin',
    body: CreateKeyBody,
    status: 201,
    answer: CreatedKeySchema,
  },
  { method: 'delete', path: '/v1/keys/{id}', summary: 'Delete an API key', role: 'admin', status: 204 },
  {
    method: 'get',
    path: '/v1/subscriptions',
    summary: 'Webhook subscriptions',
    role: 'admin',
    answer: items(SubscriptionSchema),
  },
  {
    method: 'post',
    path: '/v1/subscriptions',
    summary: 'Subscribe a URL to events (the signing secret is shown once)',
    role: 'admin',
    body: CreateSubscriptionBody,
    status: 201,
    answer: CreatedSubscriptionSchema,
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}',
    summary: 'One webhook subscription',
    role: 'admin',
    answer: SubscriptionSchema,
  },
  {
    method: 'patch',
    path: '/v1/subscriptions/{id}',
    summary: 'Change a subscription: url, events, description, active',
    role: 'admin',
    body: UpdateSubscriptionBody,
    answer: SubscriptionSchema,
  },
  {
    method: 'delete',
    path: '/v1/subscriptions/{id}',
    summary: 'Delete a subscription and its deliveries',
    role: 'admin',
    status: 204,
  },
  {
    method: 'get',
    path: '/v1/deliveries',
    summary: 'Webhook deliveries, newest first',
    query: DeliveryQuery,
    answer: z.object({ items: z.array(DeliverySchema), nextCursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/v1/deliveries/{id}',
    summary: 'One delivery: headers, body, attempts',
    answer: DeliveryDetailSchema,
  },
  {
    method: 'post',
    path: '/v1/deliveries/{id}/replay',
    summary: 'Send a delivery again now, whatever its status',
    role: 'admin',
    status: 202,
    answer: DeliverySchema,
  },
];

function operation(op: Op) {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  for (const [name, s] of Object.entries(op.query?.shape ?? {})) {
    params.push({
      name,
      in: 'query',
      required: !(s as z.ZodType).safeParse(undefined).success,
      schema: schemaOf(s as z.ZodType, 'input') as { type: string },
    });
  }
  const answer = op.answer instanceof z.ZodType ? schemaOf(op.answer, 'output') : op.answer;
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  return {
    summary: op.summary,
    description:
      op.role === undefined || op.role === 'any' ? 'Any role.' : `Needs the ${op.role} role or above.`,
    parameters: params,
    ...(op.body || op.bodyType
      ? {
          requestBody: {
            required:
              op.method === 'put' ||
              op.method === 'patch' ||
              op.path === '/v1/workflows' ||
              op.path === '/v1/subscriptions' ||
              op.role === 'evaluator' ||
              !!op.bodyType,
            content: Object.fromEntries(
              (op.bodyType ?? ['application/json']).map((t) => [
                t,
                { schema: op.body ? schemaOf(op.body, 'input') : {} },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [op.status ?? 200]: answer
        ? { description: 'OK', content: { [op.answerType ?? 'application/json']: { schema: answer } } }
        : { description: 'Done' },
      // Every operation listed is a guarded /v1 route (the API description itself is not listed).
      429: {
        description:
          'too_many_failed_auth: this address sent unknown keys too often in a minute (AUTH_FAILURES_PER_MINUTE); refused, even with a good key, until Retry-After',
        headers: {
          'Retry-After': {
            description: 'Seconds until the address may try again',
            schema: { type: 'integer' },
          },
        },
        content: problem,
      },
      default: { description: 'A problem (RFC 9457) with a stable code', content: problem },
    },
  };
}

/** The OpenAPI 3.1 document, built from the same zod schemas that check the requests. */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operation(op) };
  }
  defs.Workflow = schemaOf(WorkflowSchema, 'input');
  defs.Problem = schemaOf(ProblemSchema, 'output');
  defs.BacktestEvaluatedAt = schemaOf(EvaluatedAtSchema, 'output');
  return {
    openapi: '3.1.0',
    info: { title: 'Qualify Studio runtime', version: '1', description: 'See docs/api-contract.md.' },
    components: {
      schemas: defs,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key; optional in local mode.' },
      },
    },
    security: [{ apiKey: [] }, {}],
    paths,
  };
}
