import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { tidy, tidyDeep } from './problem-text.ts';

const TYPE_BASE = 'https://qualify.studio/problems/';

/**
 * Every problem code the runtime answers, with its title: a short sentence a person reads first
 * (the code is for programs). `ProblemCode` is derived from this table, so tsc refuses a
 * `new ProblemError(...)` whose code has no title here.
 */
export const PROBLEM_TITLES = {
  invalid_json: 'The body is not valid JSON',
  unauthorized: 'An API key is needed',
  forbidden: 'This key may not do that',
  not_local: 'Local mode answers only this machine',
  too_many_failed_auth: 'Too many failed authentications from this address',
  not_found: 'Nothing is at this address',
  workflow_not_found: 'The workflow does not exist',
  version_not_found: 'The version does not exist',
  decision_not_found: 'The decision does not exist',
  key_not_found: 'The API key does not exist',
  subscription_not_found: 'The webhook subscription does not exist',
  delivery_not_found: 'The delivery does not exist',
  challenger_not_found: 'The workflow has no such challenger',
  too_many_leads: 'The upload has too many leads for this',
  challenger_changed: 'The challenger changed meanwhile',
  workflow_exists: 'A workflow with this id exists',
  revision_conflict: 'It changed since you loaded it',
  nothing_to_publish: 'The draft has nothing new to publish',
  proposal_not_found: 'The proposal does not exist',
  proposal_exists: 'A proposal is waiting already',
  nothing_to_propose: 'Nothing to propose',
  proposal_not_open: 'The proposal is no longer open',
  self_approval: 'Someone who edited it may not approve it',
  approval_required: 'Publishing needs an approved proposal',
  test_cases_failed: "Some of the draft's test cases fail",
  body_too_large: 'The body is too large',
  unsupported_media_type: 'The content type is not supported',
  invalid_request: 'The request is not valid',
  workflow_invalid: 'The workflow has errors',
  no_header: 'The upload has no header',
  not_utf8: 'The upload is not UTF-8 text',
  csv_unreadable: 'The CSV cannot be read',
  line_too_large: 'A line of the upload is too large',
  upload_too_large: 'The upload is too large to read twice',
  not_an_object: 'A line of the upload is not a JSON object',
  too_deep: 'A line of the upload is nested too deep',
  too_many_cells: 'A row of the upload has too many cells',
  too_few_cells: 'A row of the upload has too few cells',
  too_many_columns: 'The upload has too many columns',
  no_outcome: 'A row of the backtest has no outcome',
  too_many_events: 'The lead carries more events than an evaluation reads',
  events_unreadable: "A row's events are not readable JSON",
  pool_not_found: 'The team pool does not exist',
  pool_in_use: 'A live workflow version assigns leads from this pool',
  lead_not_found: 'The runtime has no state for this lead id',
  event_conflict: 'This event id was sent before with a different body',
  event_not_applicable: 'The event cannot apply to this lead as it stands',
  not_ready: 'The runtime is not ready yet',
  internal: 'Something went wrong on the server',
} as const satisfies Record<string, string>;

export type ProblemCode = keyof typeof PROBLEM_TITLES;

/**
 * An error that answers as application/problem+json (RFC 9457) with a stable `code`.
 * @example throw new ProblemError(404, 'workflow_not_found', 'There is no workflow "x".')
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
    /** Response headers the answer needs (`Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [extra: string]: unknown;
}

/**
 * The answer's body. What the client sent may be quoted in the detail and extras (a key, an id, a
 * column); it is cut there, so a 0.9 MB key is not echoed back in full, twice.
 */
export function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  extras: Record<string, unknown> = {},
): Problem {
  const tidied = tidyDeep(extras) as Record<string, unknown>;
  return {
    ...tidied,
    type: TYPE_BASE + code,
    title: PROBLEM_TITLES[code],
    status,
    code,
    detail: tidy(detail),
  };
}

export function problemResponse(error: ProblemError): Response {
  return new Response(JSON.stringify(problemBody(error.status, error.code, error.detail, error.extras)), {
    status: error.status,
    headers: { ...error.headers, 'content-type': 'application/problem+json' },
  });
}

/** One path/message pair per schema problem, so a client can point at the value. */
export interface RequestError {
  path: string;
  message: string;
}

export function invalidRequest(errors: RequestError[], detail?: string): ProblemError {
  const first = errors[0];
  const text = detail ?? (first ? `${first.path || 'body'}: ${first.message}` : 'The request is not valid.');
  return new ProblemError(422, 'invalid_request', text, { errors });
}

export const workflowNotFound = (id: string) =>
  new ProblemError(404, 'workflow_not_found', `There is no workflow "${id}". GET /v1/workflows lists them.`);

export const versionNotFound = (id: string, n: number | string) =>
  new ProblemError(
    404,
    'version_not_found',
    `Workflow "${id}" has no version ${n}. GET /v1/workflows/${id}/versions lists them.`,
  );
