import type { z } from 'zod';
import type { Issue } from '../model/workflow.ts';

/** Turns zod's issues into ours, keeping the JSON path so the studio can point at the value. */
export function schemaIssues(error: z.ZodError, prefix: string, nodeId?: string): Issue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    const issue: Issue = {
      code: 'schema',
      severity: 'error',
      path,
      message: `${path || 'document'}: ${i.message}`,
    };
    if (nodeId) issue.nodeId = nodeId;
    return issue;
  });
}
