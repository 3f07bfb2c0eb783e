import { type Change, diffWorkflows } from '@qualify/rules';
import type { Command } from '../command.ts';
import { readWorkflow } from '../files.ts';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Say what changed between two workflow files, a sentence a change.',
  usage: 'diff <from.json> <to.json> [--json]',
  help: `Lists the changes from the first workflow to the second, a sentence each, in the product's words
(a rule's points 10 → 15, a threshold 60 → 70, a step added, a route's SLA 4 h → 2 h, a field retyped,
a test case changed); moving a step on the canvas is no change.

Options:
  --json    print { changes } as JSON

Exit code: 0 when compared (whether or not anything changed), 2 when a file cannot be read or is not
JSON.`,
  options: { json: { type: 'boolean' } },
  args: { min: 2, max: 2 },
  async run([fromPath, toPath], options, io) {
    const from = await readWorkflow(fromPath!);
    const to = await readWorkflow(toPath!);
    const changes: Change[] = diffWorkflows(from, to);
    if (options.json) await io.out(`${JSON.stringify({ changes }, null, 2)}\n`);
    else {
      const head = changes.length
        ? `${changes.length} change${changes.length === 1 ? '' : 's'} from ${fromPath} to ${toPath}:\n`
        : `No changes from ${fromPath} to ${toPath}.\n`;
      await io.out(head + changes.map((c) => `  - ${c.sentence}\n`).join(''));
    }
    return 0;
  },
};
