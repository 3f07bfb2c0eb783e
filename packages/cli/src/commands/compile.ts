import { writeFile } from 'node:fs/promises';
import { type Command, InputError } from '../command.ts';
import { readWorkflow } from '../files.ts';
import { compileOrReport } from '../issues.ts';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'Compile a workflow file into its artifact (standard JSON-logic), as publishing does.',
  usage: 'compile <workflow.json> [-o <artifact.json>]',
  help: `Compiles the workflow into the artifact the runtime evaluates: each step's conditions as standard
JSON-logic, the steps in the order a lead can first meet them. Test cases are not compiled in.

Options:
  -o, --out <file>   write the artifact to this file instead of stdout

Exit code: 0 when compiled, 1 when the workflow has errors (listed on stderr), 2 when a file cannot be
read or written.`,
  options: { out: { type: 'string', short: 'o' } },
  args: { min: 1, max: 1 },
  async run([path], options, io) {
    const artifact = compileOrReport(path!, await readWorkflow(path!), io.err);
    if (!artifact) return 1;
    const text = `${JSON.stringify(artifact, null, 2)}\n`;
    const out = options.out as string | undefined;
    if (out === undefined) {
      await io.out(text);
      return 0;
    }
    try {
      await writeFile(out, text);
    } catch (e) {
      throw new InputError(`${out} cannot be written: ${e instanceof Error ? e.message : String(e)}`);
    }
    io.err(`Wrote the artifact of ${path} to ${out}.\n`);
    return 0;
  },
};
