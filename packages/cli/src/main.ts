import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Command, EXIT, InputError, type Io, UsageError } from './command.ts';
import { commandNamed } from './commands/index.ts';
import { commandHelp, mainHelp, usageHint } from './help.ts';

/** Runs `qualify <argv>` and answers the exit code; messages go to `io`, never a stack trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const about = name === 'help' && rest[0] ? commandNamed(rest[0]) : undefined;
    await io.out(about ? commandHelp(about) : mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    await io.out(`${pkg.version}\n`);
    return EXIT.ok;
  }
  const command = commandNamed(name);
  if (!command) {
    io.err(`qualify: "${name}" is not a command.\n${usageHint(null)}`);
    return EXIT.usage;
  }
  let parsed: { positionals: string[]; values: Record<string, string | boolean | undefined> };
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return usage(command, e instanceof Error ? e.message : String(e), io);
  }
  if (parsed.values.help) {
    await io.out(commandHelp(command));
    return EXIT.ok;
  }
  const { min, max } = command.args;
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    return usage(command, `${command.name} takes ${wanted} argument${max === 1 ? '' : 's'}; got ${n}.`, io);
  }
  try {
    return await command.run(parsed.positionals, parsed.values, io);
  } catch (e) {
    if (e instanceof UsageError) return usage(command, e.message, io);
    if (e instanceof InputError) {
      io.err(`qualify ${command.name}: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

function usage(command: Command, message: string, io: Io): number {
  io.err(`qualify ${command.name}: ${message}\n${usageHint(command)}`);
  return EXIT.usage;
}

/** stdout through its buffer: waits when the reader is behind, so a large NDJSON answer is not held whole. */
const processIo: Io = {
  out: (text) =>
    new Promise((done) => {
      if (process.stdout.write(text)) done();
      else process.stdout.once('drain', done);
    }),
  err: (text) => {
    process.stderr.write(text);
  },
};

// A reader that stops early (`| head`) closes stdout: that ends the command, it is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  throw e;
});

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // Not the user's mistake: say so in one line (QUALIFY_DEBUG=1 shows where).
    const detail = process.env.QUALIFY_DEBUG
      ? e instanceof Error
        ? e.stack
        : String(e)
      : String(e instanceof Error ? e.message : e);
    process.stderr.write(
      `qualify: unexpected error: ${detail}\nPlease report it with the command you ran.\n`,
    );
    process.exitCode = 1;
  },
);
