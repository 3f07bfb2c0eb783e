import type { Issue } from '@qualify/rules';

const KEY_STORAGE = 'qualify.apiKey';

/** An RFC 9457 problem from the runtime, turned into something a person can read and act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Validation issues carried by a `workflow_invalid` problem. */
  get issues(): Issue[] {
    return Array.isArray(this.problem.issues) ? (this.problem.issues as Issue[]) : [];
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The UI registers here to ask for an API key when the runtime answers 401. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export function getApiKey(): string | null {
  return localStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key: string | null): void {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

function problemMessage(status: number, body: Record<string, unknown>): string {
  const title = typeof body.title === 'string' ? body.title : '';
  const detail = typeof body.detail === 'string' ? body.detail : '';
  const parts = [title, detail].filter(Boolean);
  if (Array.isArray(body.errors)) {
    for (const e of body.errors as { path?: string; message?: string }[]) {
      parts.push(`${e.path ? `${e.path}: ` : ''}${e.message ?? ''}`);
    }
  }
  if (typeof body.requiredRole === 'string') parts.push(`This needs the ${body.requiredRole} role.`);
  if (Array.isArray(body.issues)) {
    const errors = (body.issues as Issue[]).filter((i) => i.severity === 'error');
    if (errors.length) parts.push(`${errors.length} problem(s): ${errors[0]?.message ?? ''}`);
  }
  return parts.length ? parts.join(' — ') : `The runtime answered ${status}.`;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The headers every call sends: what it accepts and the stored key, if any. */
export function baseHeaders(accept = 'application/json, application/problem+json'): Record<string, string> {
  const headers: Record<string, string> = { accept };
  const key = getApiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  return headers;
}

/** The error for a fetch that did not reach the runtime at all. */
export const networkError = (err: unknown): ApiError =>
  new ApiError(
    0,
    'network',
    `Could not reach the runtime (${err instanceof Error ? err.message : String(err)}). Is it running?`,
  );

/** Turns a non-2xx answer into an ApiError with a readable message (and asks for a key on 401). */
export async function toApiError(res: Response): Promise<ApiError> {
  const data = await readBody(res);
  const problem = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const code = typeof problem.code === 'string' ? problem.code : `http_${res.status}`;
  if (res.status === 401) onUnauthorized();
  const message =
    typeof data === 'string' && data && !Object.keys(problem).length
      ? `The runtime answered ${res.status}: ${data.slice(0, 200)}`
      : problemMessage(res.status, problem);
  return new ApiError(res.status, code, message, problem);
}

/**
 * Calls the runtime API; throws ApiError with a readable message on any non-2xx answer.
 * @example await api<{ items: WorkflowSummary[] }>('GET', '/v1/workflows')
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers = baseHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await toApiError(res);
  return (await readBody(res)) as T;
}

/** A readable message for anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
