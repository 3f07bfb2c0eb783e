import { readFile } from 'node:fs/promises';
import { InputError } from './command.ts';

/** Why a file cannot be read, in words; the error's own message otherwise. */
export function unreadable(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${path}: no such file.`);
  if (code === 'EISDIR') return new InputError(`${path} is a folder; give a file.`);
  if (code === 'EACCES') return new InputError(`${path}: permission denied.`);
  return new InputError(`${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
}

/** A file's text (UTF-8, a byte order mark dropped); a missing file is an InputError naming it. */
export async function readText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw unreadable(path, e);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A JSON file's value; text that is not JSON is an InputError saying where it breaks. */
export async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * A workflow document from a file: a JSON object (a workflow file as the studio exports it, or as
 * in `examples/`). What it holds is for `validate` to judge; this only refuses what is no document.
 */
export async function readWorkflow(path: string): Promise<Record<string, unknown>> {
  const doc = await readJson(path);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`;
    throw new InputError(`${path} holds ${got}; a workflow file holds one JSON object.`);
  }
  return doc as Record<string, unknown>;
}
