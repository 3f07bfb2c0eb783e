import type { Issue } from '../model/workflow.ts';
import { analyze } from './analyze.ts';

/**
 * Checks a workflow document and lists every problem, errors first; never throws.
 * @example validate(doc).filter((i) => i.severity === 'error').length === 0 // publishable
 */
export function validate(workflow: unknown): Issue[] {
  const { issues } = analyze(workflow);
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')];
}
