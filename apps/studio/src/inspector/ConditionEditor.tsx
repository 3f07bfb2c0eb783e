import {
  all,
  type Condition,
  compare,
  type EventsCondition,
  events,
  type FieldCatalogue,
  type GradeCondition,
  type Group,
} from '@qualify/rules';
import { useEventProperties, useGrade } from '../store/use-doc.ts';
import { ComparisonRow } from './ComparisonRow.tsx';
import { newComparison } from './condition-defaults.ts';
import { EventsConditionEditor } from './EventsConditionEditor.tsx';
import { GradeConditionEditor } from './GradeConditionEditor.tsx';

interface Props {
  value: Condition;
  fields: FieldCatalogue;
  onChange: (c: Condition) => void;
  /** Removes this group from its parent (absent at the top). */
  onRemove?: () => void;
  depth?: number;
  /** A criterion name: new checks start on the catalogue field named like it. */
  preferField?: string;
  /** What the field picker picks; set inside an events count ("Event property"), which offers no counts. */
  fieldNoun?: string;
}

/** A new events count: at least 3 page views in the last 7 days. */
const newEvents = (): EventsCondition =>
  events(compare('type', 'eq', 'page_view'), { op: 'gte', value: 3 }, 7);

/** A new grade test: the best grade, to widen from. */
const newGrade = (): GradeCondition => ({ type: 'grade', grades: ['A1'] });

const MAX_DEPTH = 4;

/** AND / OR groups of field checks that nest; a single top-level check can grow into a group. */
export function ConditionEditor(props: Props) {
  const { value, fields, onChange, onRemove, depth = 0, preferField, fieldNoun } = props;
  const { properties, adopt } = useEventProperties();
  const addEvents = (next: Condition) => {
    onChange(next);
    adopt();
  };
  // Counts and grades test the lead, so neither is offered inside an events count's "where"; the grade
  // only where the workflow grades leads.
  const grading = Boolean(useGrade());
  const moreButtons = (add: (c: Condition) => Condition) =>
    fieldNoun ? null : (
      <>
        <button type="button" className="qs-link-btn" onClick={() => addEvents(add(newEvents()))}>
          + Events count
        </button>
        {grading && (
          <button type="button" className="qs-link-btn" onClick={() => onChange(add(newGrade()))}>
            + Grade
          </button>
        )}
      </>
    );
  if (value.type === 'events') {
    return (
      <EventsConditionEditor
        value={value}
        properties={properties}
        depth={depth}
        onChange={onChange}
        onRemove={onRemove ?? (() => onChange(all()))}
      />
    );
  }
  if (value.type === 'grade') {
    return (
      <GradeConditionEditor
        value={value}
        depth={depth}
        onChange={onChange}
        onRemove={onRemove ?? (() => onChange(all()))}
      />
    );
  }
  if (value.type === 'compare') {
    return (
      <div className="qs-group">
        <ComparisonRow
          value={value}
          fields={fields}
          fieldNoun={fieldNoun}
          onChange={onChange}
          onRemove={() => onChange(all())}
        />
        <div className="qs-group-actions">
          <button
            type="button"
            className="qs-link-btn"
            onClick={() => onChange(all(value, newComparison(fields, preferField)))}
          >
            + Add another check
          </button>
          {moreButtons((c) => all(value, c))}
        </div>
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
            fieldNoun={fieldNoun}
            onChange={(next) => setChild(i, next)}
            onRemove={() => removeChild(i)}
          />
        ) : (
          <ComparisonRow
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids; position is their identity
            key={i}
            value={c}
            fields={fields}
            fieldNoun={fieldNoun}
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
        {moreButtons((c) => ({ ...group, conditions: [...group.conditions, c] }))}
      </div>
    </fieldset>
  );
}
