/** Longest run of user data (a key, a value, an id) a problem repeats before cutting it. */
export const MAX_ECHO = 80;
/** Longest text of one message in a problem, whatever it holds. */
export const MAX_MESSAGE = 600;

/**
 * Runs without white space or quote marks longer than MAX_ECHO: no word of ours is that long, so
 * they are user data. Quote marks end a run, so a quoted key is cut inside its quotes.
 */
const LONG_RUN = new RegExp(`[^\\s"]{${MAX_ECHO + 1},}`, 'g');

/**
 * `text` cut to `max` characters, the last of them "…"; a surrogate pair is never split.
 * @example clip('abcdef', 4) // 'abc…'
 */
export function clip(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A message that may quote what the client sent, made small: each run of user data over
 * MAX_ECHO characters is cut with "…", then the whole text past MAX_MESSAGE.
 * @example tidy(`Unrecognized key: "${'k'.repeat(900_000)}"`) // 'Unrecognized key: "kkk…k…"' (80 characters quoted)
 */
export function tidy(text: string): string {
  if (text.length <= MAX_ECHO) return text;
  return clip(
    text.replace(LONG_RUN, (run) => clip(run)),
    MAX_MESSAGE,
  );
}

/** Every string in a problem's extras tidied (`errors[].path`, `issues[].message`...); other values kept. */
export function tidyDeep(value: unknown, depth = 4): unknown {
  if (typeof value === 'string') return tidy(value);
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => tidyDeep(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = tidyDeep(v, depth - 1);
  return out;
}
