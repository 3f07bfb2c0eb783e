import type { IncomingMessage } from 'node:http';
import { WorkflowInvalidError } from '@qualify/rules';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './auth.ts';
import { closeAfterAnswer } from './close-after-answer.ts';
import type { Ctx } from './context.ts';
import { type ProblemCode, ProblemError, problemResponse } from './problem.ts';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'invalid_json',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

function toProblem(err: unknown): ProblemError | null {
  if (err instanceof ProblemError) return err;
  if (err instanceof WorkflowInvalidError) {
    const first = err.issues[0];
    const detail = first
      ? `${err.issues.length} error(s); first: ${first.message}${first.nodeId ? ` (node ${first.nodeId})` : ''}`
      : 'The workflow has errors.';
    return new ProblemError(422, 'workflow_invalid', detail, { issues: err.issues });
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = CODE_BY_STATUS[err.status] ?? 'invalid_request';
    return new ProblemError(err.status, code, err.message || code);
  }
  return null;
}

const incomingOf = (c: Context) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/** What Node's body read fails with when the client hangs up (its `aborted` error is ECONNRESET). */
const HANG_UP = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** An error from reading a body whose client hung up (for streamed answers, which have no `incoming` check). */
export const isHangUp = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && HANG_UP.has(code);
};

/** The request failed because its client closed the connection: nobody is left to answer. */
function clientGone(err: unknown, incoming: IncomingMessage | undefined): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return !!incoming && typeof code === 'string' && HANG_UP.has(code) && incoming.socket?.destroyed !== false;
}

/**
 * The one place errors become answers: domain errors to 4xx problems, anything else to a logged 500.
 * A client that hung up is neither: counted apart, not logged. A problem answered before the upload
 * has all arrived says `Connection: close`, since the rest will not be read: the client then sends
 * its next request on a new connection instead of one the server is about to drop.
 */
export function onError(ctx: Ctx): ErrorHandler<AppEnv> {
  return (err, c) => {
    const incoming = incomingOf(c);
    if (clientGone(err, incoming)) {
      ctx.metrics.requestAborted();
      // 499, as proxies log a client that closed the request; it reaches no one.
      return new Response(null, { status: 499 });
    }
    let problem = toProblem(err);
    if (!problem) {
      ctx.logger.error('unexpected error', {
        method: c.req.method,
        path: c.req.path,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      problem = new ProblemError(500, 'internal', 'Something went wrong on our side; the error is logged.');
    }
    ctx.metrics.httpError(problem.code, problem.status);
    return answerBeforeUpload(problemResponse(problem), incoming);
  };
}

/** The answer, told to close the connection when the upload has not all arrived (see onError). */
function answerBeforeUpload(answer: Response, incoming: IncomingMessage | undefined): Response {
  if (incoming && !incoming.complete) {
    answer.headers.set('connection', 'close');
    closeAfterAnswer(incoming);
  }
  return answer;
}

export function notFound(ctx: Ctx): NotFoundHandler<AppEnv> {
  return (c) => {
    ctx.metrics.httpError('not_found', 404);
    const problem = new ProblemError(
      404,
      'not_found',
      `There is no ${c.req.method} ${c.req.path.slice(0, 200)}. GET /v1/openapi.json lists the API.`,
    );
    return answerBeforeUpload(problemResponse(problem), incomingOf(c));
  };
}
