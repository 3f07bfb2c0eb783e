import type { NodeKindName } from '@qualify/rules';
import type { ComponentType } from 'react';
import { BranchEditor } from './BranchEditor.tsx';
import { ConditionKindEditor } from './ConditionKindEditor.tsx';
import { GateEditor } from './GateEditor.tsx';
import { GradeTiersEditor } from './GradeTiersEditor.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';
import { RouteEditor } from './RouteEditor.tsx';
import { ScoreEditor } from './ScoreEditor.tsx';
import { StageEditor } from './StageEditor.tsx';

/**
 * The form for each kind's data, keyed by the registry's kind names: a kind added to the rules
 * registry fails the type check here until it has a form (null: nothing to set).
 */
export const KIND_EDITORS: { [K in NodeKindName]: ComponentType<KindEditorProps<KindData<K>>> | null } = {
  start: null,
  condition: ConditionKindEditor,
  gate: GateEditor,
  score: ScoreEditor,
  branch: BranchEditor,
  grade: GradeTiersEditor,
  stage: StageEditor,
  route: RouteEditor,
};
