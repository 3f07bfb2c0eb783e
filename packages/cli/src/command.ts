import type { ParseArgsConfig } from 'node:util';

/** Where a command writes: its answer to stdout, notes and errors to stderr. */
export interface Io {
  /** Writes to stdout, waiting while the reader is behind (NDJSON of a large file). */
  out(text: string): Promise<void>;
  err(text: string): void;
}

/** The option values `parseArgs` read for a command. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** One `qualify <name>` command: the registry (`commands/index.ts`) lists them, `main.ts` runs them. */
export interface Command {
  name: string;
  /** One line in `qualify --help`. */
  summary: string;
  /** The synopsis after `qualify `: `validate <workflow.json> [--json]`. */
  usage: string;
  /** The rest of `qualify <name> --help`: what it does, its options, what its exit code says. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes. */
  args: { min: number; max: number };
  /** Answers the exit code: 0 done, 1 the check failed (the workflow has errors, a test case fails). */
  run(args: string[], options: OptionValues, io: Io): Promise<number>;
}

/** The command was not called as its usage says: exit 2, with the message and the usage. */
export class UsageError extends Error {}

/** A file the command cannot use (missing, not JSON, not a lead): exit 2, with the message. */
export class InputError extends Error {}

/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
