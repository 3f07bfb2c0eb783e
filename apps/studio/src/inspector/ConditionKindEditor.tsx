import { ConditionEditor } from './ConditionEditor.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';

/** A signal check: its condition; leads whose data is missing take the "No" exit. */
export function ConditionKindEditor({ data, fields, onChange }: KindEditorProps<KindData<'condition'>>) {
  return (
    <>
      <h3 className="qs-subhead">Yes when</h3>
      <ConditionEditor
        value={data.condition}
        fields={fields}
        onChange={(condition) => onChange({ condition })}
      />
      <p className="qs-hint">A lead whose data is missing takes the "No" exit.</p>
    </>
  );
}
