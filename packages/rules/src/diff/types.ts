export type ChangeKind =
  /** name, description, values that mean missing */
  | 'workflow'
  | 'field_added'
  | 'field_removed'
  | 'field_changed'
  | 'step_added'
  | 'step_removed'
  | 'step_changed'
  /** an exit now leads elsewhere, was connected, or disconnected */
  | 'connection_changed'
  | 'test_case_added'
  | 'test_case_removed'
  | 'test_case_changed';

/** One change between two workflow documents, as one sentence in the product's words (never JSON). */
export interface Change {
  kind: ChangeKind;
  /** For step_* and connection_changed: the step (in `to`, or in `from` if removed). */
  nodeId?: string;
  /** For field_*: the field's path. */
  field?: string;
  testCaseId?: string;
  sentence: string;
}
