import {
  type Comparison,
  FIELD_CATEGORIES,
  type FieldCatalogue,
  findField,
  operatorOf,
} from '@qualify/rules';
import { operatorsFor, retarget } from './condition-defaults.ts';
import { ValueInput } from './ValueInput.tsx';

const CATEGORY_NAMES = { fit: 'Fit', engagement: 'Engagement', conversation: 'Conversation' } as const;

/** One test of one lead field: field picker, operator for its type, value input for both. */
export function ComparisonRow(props: {
  value: Comparison;
  fields: FieldCatalogue;
  onChange: (c: Comparison) => void;
  onRemove: () => void;
  /** What the field picker picks: "Lead field", or "Event property" inside an events count. */
  fieldNoun?: string;
}) {
  const { value: c, fields, onChange, onRemove, fieldNoun = 'Lead field' } = props;
  const field = findField(fields, c.field);
  const ops = operatorsFor(field);
  return (
    <div className={`qs-comparison${field ? '' : ' is-invalid'}`}>
      <select
        className="qs-input qs-field-pick"
        aria-label={fieldNoun}
        value={c.field}
        onChange={(e) => {
          const f = findField(fields, e.target.value);
          const nextOps = operatorsFor(f);
          onChange(
            retarget(c, f, (nextOps as readonly string[]).includes(c.op) ? c.op : (nextOps[0] ?? 'present')),
          );
        }}
      >
        {!field && (
          <option value={c.field}>{c.field ? `${c.field} (not in catalogue)` : 'choose a field…'}</option>
        )}
        {FIELD_CATEGORIES.map((cat) => {
          const inCat = fields.filter((f) => f.category === cat);
          return inCat.length ? (
            <optgroup key={cat} label={CATEGORY_NAMES[cat]}>
              {inCat.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.label}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </select>
      <select
        className="qs-input qs-op-pick"
        aria-label="Operator"
        value={c.op}
        onChange={(e) => onChange(retarget(c, field, e.target.value))}
      >
        {!(ops as readonly string[]).includes(c.op) && (
          <option value={c.op}>
            {operatorOf(c.op) ? `${operatorOf(c.op)!.label} (not for this field)` : `${c.op} (unknown)`}
          </option>
        )}
        {ops.map((op) => (
          <option key={op} value={op}>
            {operatorOf(op)!.label}
          </option>
        ))}
      </select>
      <ValueInput
        comparison={c}
        field={field}
        onChange={(v) =>
          onChange(v === undefined ? { type: 'compare', field: c.field, op: c.op } : { ...c, value: v })
        }
      />
      <button
        type="button"
        className="qs-icon-btn"
        aria-label="Remove this check"
        title="Remove this check"
        onClick={onRemove}
      >
        ×
      </button>
    </div>
  );
}
