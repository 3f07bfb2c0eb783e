import { describeTestRun, runTestCases, type TestCaseResult } from '@qualify/rules';
import type { Command } from '../command.ts';
import { readWorkflow } from '../files.ts';
import { compileOrReport } from '../issues.ts';

/** A case's line and, under a failing one, a line each failure. */
function caseLines(r: TestCaseResult): string {
  const head = `  ${r.passed ? 'PASS' : 'FAIL'}  ${r.name} (${r.id})\n`;
  return head + r.failures.map((f) => `          ${f.sentence}\n`).join('');
}

export const testCommand: Command = {
  name: 'test',
  summary: "Run a workflow file's test cases; the exit code tells CI whether they pass.",
  usage: 'test <workflow.json> [--json]',
  help: `Runs the test cases saved in the workflow file (its "testCases": a lead, an as-of time and the
route and stage expected, optionally the score and gate results), each evaluated at its own time with
its stored stage, as publishing runs them. Prints a line a case, a sentence a failed expectation, and a
summary; the studio saves test cases from its test panel and exports them with the workflow.

Options:
  --json    print the run as JSON ({ passed, failed, results })

Exit code: 0 when every case passes (or there is none), 1 when a case fails or the workflow has
errors, 2 when the file cannot be read or is not JSON.`,
  options: { json: { type: 'boolean' } },
  args: { min: 1, max: 1 },
  async run([path], options, io) {
    const doc = await readWorkflow(path!);
    if (!compileOrReport(path!, doc, io.err)) return 1;
    const run = runTestCases(doc);
    if (options.json) await io.out(`${JSON.stringify(run, null, 2)}\n`);
    else if (!run.results.length) {
      await io.out(
        `${path} has no test cases: save some from the studio's test panel (Save as test case) and export the workflow.\n`,
      );
    } else {
      await io.out(
        `${path}: ${run.results.length} test cases\n${run.results.map(caseLines).join('')}\n${describeTestRun(run)}\n`,
      );
    }
    return run.failed ? 1 : 0;
  },
};
