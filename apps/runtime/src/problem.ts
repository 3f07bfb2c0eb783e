import type { ContentfulStatusCode } from 'hono/utils/http-status';

const TYPE_BASE = 'https://qualify.studio/problems/';

const TITLES: Record<string, string> = {
  invalid_json: 'The body is not valid JSON',
  unauthorized: 'An API key is needed',
  forbidden: 'This key may not do that',
  not_found: 'Nothing here',
  workflow_not_found: 'No such workflow',
  version_not_found: 'No such version',
  decision_not_found: 'No such decision',
  key_not_found: 'No such API key',
  workflow_exists: 'A workflow with this id exists',
  revision_conflict: 'The draft changed since you loaded it',
  body_too_large: 'The body is too large',
  unsupported_media_type: 'Unsupported content type',
  invalid_request: 'The request is not valid',
  workflow_invalid: 'The workflow has errors',
  no_header: 'The upload has no header',
  not_utf8: 'The upload is not UTF-8 text',
  csv_unreadable: 'The CSV cannot be read',
  line_too_large: 'A line of the upload is too large',
  upload_too_large: 'The upload is too large to read twice',
  internal: 'Internal error',
};

/**
 * An error that answers as application/problem+json (RFC 9457) with a stable `code`.
 * @example throw new ProblemError(404, 'workflow_not_found', 'There is no workflow "x".')
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
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

export function problemBody(
  status: number,
  code: string,
  detail: string,
  extras: Record<string, unknown> = {},
): Problem {
  return { ...extras, type: TYPE_BASE + code, title: TITLES[code] ?? code, status, code, detail };
}

export function problemResponse(error: ProblemError): Response {
  return new Response(JSON.stringify(problemBody(error.status, error.code, error.detail, error.extras)), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json' },
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
