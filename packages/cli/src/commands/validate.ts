import { validate } from '@qualify/rules';
import type { Command } from '../command.ts';
import { readWorkflow } from '../files.ts';
import { countIssues, issueLines } from '../issues.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a workflow file and list its errors and warnings.',
  usage: 'validate <workflow.json> [--json]',
  help: `Checks the workflow as the studio and the runtime do before publishing: the document's shape,
fields, conditions, connections (every lead must end at a route) and its test cases.

Options:
  --json    print the issues as a JSON array ({ code, severity, message, nodeId?, path? })

Exit code: 0 when there is no error (warnings allowed), 1 when there is one, 2 when the file cannot
be read or is not JSON.`,
  options: { json: { type: 'boolean' } },
  args: { min: 1, max: 1 },
  async run([path], options, io) {
    const doc = await readWorkflow(path!);
    const issues = validate(doc);
    const errors = issues.filter((i) => i.severity === 'error').length;
    if (options.json) await io.out(`${JSON.stringify(issues, null, 2)}\n`);
    else {
      const name = typeof doc.name === 'string' ? ` ("${doc.name}")` : '';
      await io.out(`${path}${name}: ${countIssues(issues)}.\n${issueLines(issues)}`);
    }
    return errors ? 1 : 0;
  },
};
