import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { headerOf } from './headers.ts';
import { invalidRequest, ProblemError } from './problem.ts';

/** Deeper than any workflow or lead needs; far below what would overflow the stack when serialising. */
export const MAX_DEPTH = 64;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export const tooLarge = (limit: number) =>
  new ProblemError(413, 'body_too_large', `The body is larger than ${limit} bytes (BODY_LIMIT_BYTES).`, {
    limit,
  });

export const unsupportedType = (got: string | undefined, want: string) =>
  new ProblemError(
    415,
    'unsupported_media_type',
    `Send Content-Type: ${want}${got ? ` (got "${got.slice(0, 100)}")` : ''}.`,
  );

/**
 * Whether a parsed JSON value nests deeper than `max`. Recursion stops at `max`, so it never goes
 * deeper than that however deep the value is.
 */
export function depthExceeds(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (const child of value) if (depthExceeds(child, max - 1)) return true;
    return false;
  }
  for (const key in value) if (depthExceeds((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}

async function readBytes(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/**
 * The body straight from Node's IncomingMessage (on @hono/node-server): the chunks as Node hands them
 * over, without the copy into an ArrayBuffer the web Request makes. Bounded like `readBytes`.
 */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    incoming.once('error', reject);
  });
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON body of at most `limit` bytes: 415 for another content type, 413 past the limit
 * (without reading the rest), 400 invalid_json when it does not parse. With `optional`, an empty
 * body reads as undefined.
 */
export async function readJson(c: Context, limit: number, optional = false): Promise<unknown> {
  const req = c.req.raw;
  const header = headerOf(c, 'content-length') ?? null;
  const declared = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  if (declared !== null && declared > limit) throw tooLarge(limit);
  const type = headerOf(c, 'content-type');
  if (type !== undefined && !JSON_TYPE.test(type)) throw unsupportedType(type, 'application/json');
  // With a declared length the HTTP parser stops at it, so the whole-body read (a fast path in
  // @hono/node-server that skips web streams) is bounded; a chunked body is counted as it streams.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const bytes =
    declared !== null
      ? incoming
        ? await readIncoming(incoming, limit)
        : new Uint8Array(await req.arrayBuffer())
      : req.body
        ? await readBytes(req.body, limit)
        : new Uint8Array(0);
  if (bytes.byteLength === 0) {
    if (optional) return undefined;
    throw new ProblemError(400, 'invalid_json', 'The body is empty; send a JSON document.');
  }
  if (type === undefined) throw unsupportedType(type, 'application/json');
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : 'it is not UTF-8 text';
    throw new ProblemError(400, 'invalid_json', `The body is not valid JSON: ${why}.`);
  }
  if (depthExceeds(value, MAX_DEPTH)) {
    throw invalidRequest([{ path: '', message: `nested deeper than ${MAX_DEPTH} levels` }]);
  }
  return value;
}
