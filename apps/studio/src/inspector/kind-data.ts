import type { FieldCatalogue, NODE_KINDS, NodeKindName } from '@qualify/rules';

/** The data type of one node kind, inferred from its registry entry. */
export type KindData<K extends NodeKindName> = ReturnType<(typeof NODE_KINDS)[K]['defaults']>;

/** What every kind editor receives; `key` groups keystrokes of one input into one undo step. */
export interface KindEditorProps<D> {
  nodeId: string;
  data: D;
  fields: FieldCatalogue;
  onChange: (data: D, key?: string) => void;
}
