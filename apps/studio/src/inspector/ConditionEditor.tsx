import { all, type Condition, conditionText, type FieldCatalogue, type Group } from '@qualify/rules';
import { ComparisonRow } from './ComparisonRow.tsx';
import { newComparison } from './condition-defaults.ts';

interface Props {
  value: Condition;
  fields: FieldCatalogue;
  onChange: (c: Condition) => void;
  /** Removes this group from its parent (absent at the top). */
  onRemove?: () => void;
  depth?: number;
  /** A criterion name: new checks start on the catalogue field named like it. */
  preferField?: string;
}

const MAX_DEPTH = 4;

/** AND / OR groups of field checks that nest; a single top-level check can grow into a group. */
export function ConditionEditor({ value, fields, onChange, onRemove, depth = 0, preferField }: Props) {
  if (value.type === 'events' || value.type === 'grade') {
    return <p className="qs-hint">{conditionText(value, fields)}</p>;
  }
  if (value.type === 'compare') {
    return (
      <div className="qs-group">
        <ComparisonRow value={value} fields={fields} onChange={onChange} onRemove={() => onChange(all())} />
        <button
          type="button"
          className="qs-link-btn"
          onClick={() => onChange(all(value, newComparison(fields, preferField)))}
        >
          + Add another check
        </button>
      </div>
    );
  }
  const group: Group = value;
  const setChild = (i: number, c: Condition) =>
    onChange({ ...group, conditions: group.conditions.map((x, j) => (j === i ? c : x)) });
  const removeChild = (i: number) =>
    onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });

  return (
    <fieldset className={`qs-group qs-depth-${depth % 2}`}>
      <legend className="qs-group-head">
        <select
          className="qs-input qs-match"
          aria-label="How the checks combine"
          value={group.match}
          onChange={(e) => onChange({ ...group, match: e.target.value as Group['match'] })}
        >
          <option value="all">All of these (AND)</option>
          <option value="any">Any of these (OR)</option>
        </select>
        {onRemove && (
          <button type="button" className="qs-link-btn is-danger" onClick={onRemove}>
            Remove group
          </button>
        )}
      </legend>
      {group.conditions.length === 0 && (
        <p className="qs-hint">No checks yet. Add one: which lead field, compared how.</p>
      )}
      {group.conditions.map((c, i) =>
        c.type !== 'compare' ? (
          <ConditionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids; position is their identity
            key={i}
            value={c}
            fields={fields}
            depth={depth + 1}
            preferField={preferField}
            onChange={(next) => setChild(i, next)}
            onRemove={() => removeChild(i)}
          />
        ) : (
          <ComparisonRow
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids; position is their identity
            key={i}
            value={c}
            fields={fields}
            onChange={(next) => setChild(i, next)}
            onRemove={() => removeChild(i)}
          />
        ),
      )}
      <div className="qs-group-actions">
        <button
          type="button"
          className="qs-link-btn"
          onClick={() =>
            onChange({ ...group, conditions: [...group.conditions, newComparison(fields, preferField)] })
          }
          disabled={!fields.length}
          title={fields.length ? undefined : 'Add lead fields to the catalogue first'}
        >
          + Check
        </button>
        {depth < MAX_DEPTH && (
          <button
            type="button"
            className="qs-link-btn"
            onClick={() =>
              onChange({
                ...group,
                conditions: [
                  ...group.conditions,
                  {
                    type: 'group',
                    match: group.match === 'all' ? 'any' : 'all',
                    conditions: [newComparison(fields, preferField)],
                  },
                ],
              })
            }
            disabled={!fields.length}
          >
            + Group
          </button>
        )}
      </div>
    </fieldset>
  );
}
