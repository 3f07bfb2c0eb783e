import { type Comparison, type Field, OPERATOR_INFO } from '@qualify/rules';
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
              {v}
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
          {v}
        </label>
      ))}
    </fieldset>
  );
}

/** The value part of a comparison, shaped by its operator and typed by its field. */
export function ValueInput(props: {
  comparison: Comparison;
  field: Field | undefined;
  onChange: (v: Value) => void;
}) {
  const { comparison: c, field, onChange } = props;
  const shape = OPERATOR_INFO[c.op].operand;
  const name = field?.label ?? c.field;
  if (shape === 'none') return null;
  if (shape === 'days') {
    return (
      <span className="qs-inline">
        <NumberInput
          label={`${name}: number of days`}
          min={0}
          value={typeof c.value === 'number' ? c.value : null}
          onChange={(n) => onChange(n ?? 0)}
        />
        <span>{c.op === 'olderThanDays' ? 'days ago' : 'days'}</span>
      </span>
    );
  }
  if (shape === 'range') {
    const pair = Array.isArray(c.value) ? c.value : [];
    const set = (i: 0 | 1, v: Value) => {
      const next: Scalar[] = [pair[0] ?? 0, pair[1] ?? 0];
      next[i] = v as Scalar;
      onChange(next);
    };
    return (
      <span className="qs-inline">
        <ScalarInput field={field} label={`${name}: from`} value={pair[0]} onChange={(v) => set(0, v)} />
        <span>and</span>
        <ScalarInput field={field} label={`${name}: to`} value={pair[1]} onChange={(v) => set(1, v)} />
      </span>
    );
  }
  if (shape === 'list') {
    if (field?.type === 'enum' && c.op !== 'containsAny') {
      return <EnumMulti field={field} value={c.value} onChange={onChange} label={`${name}: values`} />;
    }
    const items = Array.isArray(c.value) ? c.value : [];
    return (
      <ListInput
        label={`${name}: values, comma separated`}
        value={items}
        onChange={(list) =>
          onChange(field?.type === 'number' ? list.map(Number).filter(Number.isFinite) : list)
        }
      />
    );
  }
  const scalarField = field?.type === 'stringList' ? { ...field, type: 'string' as const } : field;
  return <ScalarInput field={scalarField} label={`${name}: value`} value={c.value} onChange={onChange} />;
}
