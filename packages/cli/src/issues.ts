import { compile, type Issue, WorkflowInvalidError } from '@qualify/rules';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning" / "no problems". */
export function countIssues(issues: readonly Issue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  if (!issues.length) return 'no problems';
  return [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')]
    .filter(Boolean)
    .join(', ');
}

/** One line an issue: severity, the message, and which step and check it comes from. */
export function issueLines(issues: readonly Issue[]): string {
  return issues
    .map((i) => {
      const where = [i.nodeId && `step ${i.nodeId}`, i.code].filter(Boolean).join(', ');
      return `  ${i.severity.padEnd(8)} ${i.message} (${where})\n`;
    })
    .join('');
}

/**
 * Compiles a workflow file's document, or writes its errors (as `validate` lists them) and answers null:
 * the command then exits 1.
 */
export function compileOrReport(path: string, doc: unknown, err: (text: string) => void) {
  try {
    return compile(doc);
  } catch (e) {
    if (!(e instanceof WorkflowInvalidError)) throw e;
    err(`${path} is not a valid workflow: ${countIssues(e.issues)}.\n${issueLines(e.issues)}`);
    err(`Run \`qualify validate ${path}\` for warnings too.\n`);
    return null;
  }
}
