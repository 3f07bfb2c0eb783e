import type { Command } from './command.ts';
import { COMMANDS } from './commands/index.ts';

const EXIT_CODES = `Exit codes: 0 done; 1 the check failed (the workflow has errors, a test case fails); 2 the command
could not run as asked (an unknown command or option, a missing argument, a file that cannot be read).`;

/** `qualify --help`: what the tool is and every command of the registry. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `qualify: validate, compile, evaluate, test and diff qualification workflow files, offline (no server).

Usage: qualify <command> [arguments] [options]

Commands:
${list}

Run \`qualify <command> --help\` for a command's arguments and options.
${EXIT_CODES}
`;
}

/** `qualify <command> --help`. */
export function commandHelp(c: Command): string {
  return `Usage: qualify ${c.usage}

${c.summary}

${c.help}
`;
}

/** The line after a usage error: how to call the command. */
export const usageHint = (c: Command | null) =>
  c
    ? `Usage: qualify ${c.usage}\nRun \`qualify ${c.name} --help\` for more.\n`
    : 'Run `qualify --help` for the commands.\n';
