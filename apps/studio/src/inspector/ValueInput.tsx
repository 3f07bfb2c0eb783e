import {
  type Comparison,
  choiceLabel,
  type EditorHint,
  editorOf,
  type Field,
  operatorOf,
} from '@qualify/rules';
import type { ReactNode } from 'react';
import { ListInput, NumberInput } from '../ui/inputs.tsx';

type Value = Comparison['value'];
type Scalar = string | number | boolean;

function ScalarInput(props: {
  field: Field | undefined;
  value: Value;
  onChange: (v: Value) => void;
  label: string;
}) {
  const { field, value, onChange, label } = props;
  switch (field?.type) {
    case 'number':
      return (
        <NumberInput
          label={label}
          value={typeof value === 'number' ? value : null}
          onChange={(n) => onChange(n ?? 0)}
        />
      );
    case 'boolean':
      return (
        <select
          className="qs-input"
          aria-label={label}
          value={String(value === true)}
          onChange={(e) => onChange(e.target.value === 'true')}
        >
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      );
    case 'enum':
      return (
        <select
          className="qs-input"
          aria-label={label}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        >
          {!(field.values ?? []).includes(String(value)) && (
            <option value={String(value ?? '')}>{String(value ?? '') || 'choose…'}</option>
          )}
          {(field.values ?? []).map((v) => (
            <option key={v} value={v}>
              {choiceLabel(field, v)}
            </option>
          ))}
        </select>
      );
    case 'date':
      return (
        <input
          type="date"
          className="qs-input"
          aria-label={label}
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <input
          type="text"
          className="qs-input"
          aria-label={label}
          value={typeof value === 'string' ? value : String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

function EnumMulti(props: { field: Field; value: Value; onChange: (v: Value) => void; label: string }) {
  const chosen = new Set((Array.isArray(props.value) ? props.value : []).map(String));
  return (
    <fieldset className="qs-multi" aria-label={props.label}>
      {(props.field.values ?? []).map((v) => (
        <label key={v} className="qs-check">
          <input
            type="checkbox"
            checked={chosen.has(v)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(v);
              else next.delete(v);
              props.onChange((props.field.values ?? []).filter((x) => next.has(x)));
            }}
          />
          {choiceLabel(props.field, v)}
        </label>
      ))}
    </fieldset>
  );
}

interface EditorProps<H extends EditorHint> {
  hint: H;
  field: Field | undefined;
  value: Value;
  onChange: (v: Value) => void;
  /** The field's label, to name each input. */
  name: string;
}

type Editors = {
  [I in EditorHint['input']]: (p: EditorProps<Extract<EditorHint, { input: I }>>) => ReactNode;
};

/** One input per editor hint of the operator table; nothing here knows an operator by name. */
const EDITORS: Editors = {
  none: () => null,
  value: ({ field, value, onChange, name }) => (
    <ScalarInput
      // A list field's operators take one item, which is text.
      field={field?.type === 'stringList' ? { ...field, type: 'string' } : field}
      label={`${name}: value`}
      value={value}
      onChange={onChange}
    />
  ),
  pair: ({ hint, field, value, onChange, name }) => {
    const pair = Array.isArray(value) ? value : [];
    const set = (i: 0 | 1, v: Value) => {
      const next: Scalar[] = [pair[0] ?? 0, pair[1] ?? 0];
      next[i] = v as Scalar;
      onChange(next);
    };
    return (
      <span className="qs-inline">
        <ScalarInput field={field} label={`${name}: from`} value={pair[0]} onChange={(v) => set(0, v)} />
        <span>{hint.between}</span>
        <ScalarInput field={field} label={`${name}: to`} value={pair[1]} onChange={(v) => set(1, v)} />
      </span>
    );
  },
  values: ({ field, value, onChange, name }) => {
    if (field?.type === 'enum') {
      return <EnumMulti field={field} value={value} onChange={onChange} label={`${name}: values`} />;
    }
    return (
      <ListInput
        label={`${name}: values, comma separated`}
        value={Array.isArray(value) ? value : []}
        onChange={(list) =>
          onChange(field?.type === 'number' ? list.map(Number).filter(Number.isFinite) : list)
        }
      />
    );
  },
  words: ({ value, onChange, name }) => (
    <ListInput
      label={`${name}: values, comma separated`}
      value={Array.isArray(value) ? value : []}
      onChange={onChange}
    />
  ),
  days: ({ hint, value, onChange, name }) => (
    <span className="qs-inline">
      <NumberInput
        label={`${name}: number of days`}
        min={0}
        value={typeof value === 'number' ? value : null}
        onChange={(n) => onChange(n ?? 0)}
      />
      <span>{hint.after}</span>
    </span>
  ),
};

/** The value part of a comparison: the input its operator's editor hint names, typed by its field. */
export function ValueInput(props: {
  comparison: Comparison;
  field: Field | undefined;
  onChange: (v: Value) => void;
}) {
  const { comparison: c, field, onChange } = props;
  const op = operatorOf(c.op);
  if (!op) return null;
  const hint = editorOf(op);
  const Editor = EDITORS[hint.input] as (p: EditorProps<EditorHint>) => ReactNode;
  return (
    <Editor hint={hint} field={field} value={c.value} onChange={onChange} name={field?.label ?? c.field} />
  );
}
