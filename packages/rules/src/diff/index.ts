export { diffWorkflows } from './diff-workflows.ts';
export type { Change, ChangeKind } from './types.ts';
