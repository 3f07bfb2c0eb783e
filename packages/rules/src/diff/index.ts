export { diffWorkflows } from './diff-workflows.ts';
export { type Impact, impactOf, type Move, type RouteKey, type SampleLead } from './impact.ts';
export type { Change, ChangeKind } from './types.ts';
