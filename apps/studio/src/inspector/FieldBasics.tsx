import { FIELD_CATEGORIES, FIELD_TYPES, type Field } from '@qualify/rules';
import { ListInput } from '../ui/inputs.tsx';
import { ValueLabelsEditor } from './ValueLabelsEditor.tsx';

const TYPE_NAMES: Record<Field['type'], string> = {
  number: 'Number',
  string: 'Text',
  boolean: 'Yes / no',
  enum: 'Choice',
  date: 'Date',
  stringList: 'List of text',
};

/** `field` with `patch` applied; a key patched to undefined is removed, as if never set. */
export function patched<F extends Field>(field: F, patch: Partial<Field>): F {
  const next: Record<string, unknown> = { ...field, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
  return next as F;
}

/** A field retyped: a choice keeps (or starts) its list of values, any other type has none. */
function retyped<F extends Field>(field: F, type: Field['type']): F {
  const { values: _v, ...rest } = field;
  return (type === 'enum' ? { ...rest, type, values: field.values ?? [] } : { ...rest, type }) as F;
}

/**
 * What a lead field and an event property share: label, path, type, (category,) a choice's values and
 * their labels. `noun` names the inputs ("Field 2 path", "Event property 2 path"). `onChange` gets
 * the whole entry and, for typing, a key that makes the keystrokes one undo step.
 */
export function FieldBasics<F extends Field>(props: {
  field: F;
  index: number;
  noun: string;
  onChange: (next: F, key?: string) => void;
  onRename: (path: string) => void;
  /** Events are engagement by nature, so the event properties' form leaves the category out. */
  withCategory?: boolean;
}) {
  const { field: f, index: i, noun, onChange, onRename, withCategory = true } = props;
  const name = `${noun} ${i + 1}`;
  const update = (patch: Partial<Field>, key?: string) => onChange(patched(f, patch), key);
  return (
    <>
      <div className="qs-form-grid">
        <input
          className="qs-input"
          aria-label={`${name} label`}
          value={f.label}
          onChange={(e) => update({ label: e.target.value }, 'label')}
        />
        <input
          className="qs-input qs-mono"
          aria-label={`${name} path`}
          value={f.path}
          onChange={(e) => onRename(e.target.value.trim())}
        />
        <select
          className="qs-input"
          aria-label={`${name} type`}
          value={f.type}
          onChange={(e) => onChange(retyped(f, e.target.value as Field['type']))}
        >
          {FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_NAMES[t]}
            </option>
          ))}
        </select>
        {withCategory && (
          <select
            className="qs-input"
            aria-label={`${name} category`}
            value={f.category}
            onChange={(e) => update({ category: e.target.value as Field['category'] })}
          >
            {FIELD_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </div>
      {f.type === 'enum' && (
        <ListInput
          label={`${name} values, comma separated`}
          value={f.values ?? []}
          placeholder="values, comma separated"
          onChange={(values) => update({ values }, 'values')}
        />
      )}
      {f.type === 'enum' && (
        <ValueLabelsEditor
          field={f}
          name={name}
          onChange={(valueLabels) => update({ valueLabels }, 'value-labels')}
        />
      )}
    </>
  );
}
