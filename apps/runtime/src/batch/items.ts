import { type ColumnMapping, eventsOverLimit, type LeadProblem } from '@qualify/rules';
import { depthExceeds, MAX_DEPTH } from '../body.ts';
import type { ProblemCode } from '../problem.ts';

/** Content types of the uploads the readers read. */
export const NDJSON = /^application\/(x-)?(ndjson|jsonl|jsonlines)\s*(;|$)/i;
export const JSON_ARRAY = /^application\/json\s*(;|$)/i;
export const CSV = /^text\/csv\s*(;|$)/i;

export interface BatchError {
  /** A code of the problem table, so a stop answered as a problem has its title. */
  code: ProblemCode;
  detail: string;
}

/**
 * Which column feeds which lead path and which catalogue fields no column feeds: the first line of
 * a CSV batch's answer, and part of a backtest's `start` line.
 */
export interface ColumnsAnswer {
  headers: string[];
  mapping: ColumnMapping;
  unmappedFields: string[];
}

/** One input unit of a batch: a lead to evaluate, why that line could not be read, or a CSV header. */
export type BatchItem =
  | { line: number; lead: Record<string, unknown> }
  | { line: number; error: BatchError }
  | { line: number; columns: ColumnsAnswer };

/** Items in input order, grouped as they arrive, so each group is evaluated and written in one go. */
export type BatchSource = AsyncIterable<BatchItem[]>;

/** Why a lead of the upload cannot be evaluated (too many events, events that are not JSON), as its line's error. */
export const lineProblem = (line: number, problem: LeadProblem): BatchError => ({
  code: problem.code,
  detail: `Line ${line}: ${problem.message}`,
});

export const lineTooLong = (line: number, limit: number): BatchItem => ({
  line,
  error: {
    code: 'line_too_large',
    detail: `Line ${line} is longer than ${limit} bytes (BODY_LIMIT_BYTES); skipped.`,
  },
});

export const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one JSON text into a lead, or says what is wrong with it. Bytes that are not UTF-8 are
 * reported with `notUtf8`: the batch calls them invalid JSON, a backtest stops at them.
 */
export function leadFromJson(
  line: number,
  bytes: Uint8Array,
  notUtf8: ProblemCode = 'invalid_json',
): BatchItem {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return notUtf8Item(line, notUtf8);
  }
  return leadFromText(line, text);
}

export const notUtf8Item = (line: number, code: ProblemCode): BatchItem => ({
  line,
  error: { code, detail: `Line ${line} is not valid JSON: it is not UTF-8 text.` },
});

/** Parses one decoded JSON text into a lead, or says what is wrong with it (too many events included). */
export function leadFromText(line: number, text: string): BatchItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : String(e);
    return { line, error: { code: 'invalid_json', detail: `Line ${line} is not valid JSON: ${why}.` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return {
      line,
      error: { code: 'not_an_object', detail: `Line ${line} is ${got}; a lead is a JSON object.` },
    };
  }
  if (depthExceeds(value, MAX_DEPTH)) {
    return {
      line,
      error: { code: 'too_deep', detail: `Line ${line} is nested deeper than ${MAX_DEPTH} levels.` },
    };
  }
  const over = eventsOverLimit(value as Record<string, unknown>);
  if (over) return { line, error: lineProblem(line, over) };
  return { line, lead: value as Record<string, unknown> };
}

/**
 * Waits for the event loop's next turn. A stream answered to a fast client (and read from an upload
 * already buffered) goes on in microtasks alone: without this, timers and I/O wait until it ends,
 * so other requests stall and the decision log cannot flush (a million-row batch piled 128 MB of
 * unwritten decisions).
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads a web stream chunk by chunk and releases it when the consumer stops early. */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.byteLength) yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
