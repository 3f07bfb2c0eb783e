import { COUNT_OPS, type CountOp, type EventsCondition, type FieldCatalogue } from '@qualify/rules';
import { NumberInput } from '../ui/inputs.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';

const COUNT_NAMES: Record<CountOp, string> = { gte: 'at least', lte: 'at most', eq: 'exactly' };

interface Props {
  value: EventsCondition;
  /** The workflow's event properties, which the `where` condition tests. */
  properties: FieldCatalogue;
  onChange: (c: EventsCondition) => void;
  onRemove: () => void;
  depth: number;
}

/** "At least 3 events where Event type is page_view in the last 7 days", every part editable. */
export function EventsConditionEditor({ value: c, properties, onChange, onRemove, depth }: Props) {
  const days = c.withinDays;
  const setDays = (d: number | undefined) => {
    const { withinDays: _drop, ...rest } = c;
    onChange(d === undefined ? rest : { ...rest, withinDays: d });
  };
  return (
    <fieldset className={`qs-group qs-events qs-depth-${depth % 2}`} data-testid="events-condition">
      <legend className="qs-group-head">
        <select
          className="qs-input"
          aria-label="Count how"
          value={c.count.op}
          onChange={(e) => onChange({ ...c, count: { ...c.count, op: e.target.value as CountOp } })}
        >
          {COUNT_OPS.map((op) => (
            <option key={op} value={op}>
              {COUNT_NAMES[op]}
            </option>
          ))}
        </select>
        <NumberInput
          label="Number of events"
          className="qs-input qs-input-num"
          min={0}
          max={1000}
          step={1}
          value={c.count.value}
          onChange={(n) => onChange({ ...c, count: { ...c.count, value: Math.max(0, Math.round(n ?? 0)) } })}
        />
        <span>events</span>
        <select
          className="qs-input"
          aria-label="When"
          value={days === undefined ? 'any' : 'within'}
          onChange={(e) => setDays(e.target.value === 'any' ? undefined : 7)}
        >
          <option value="within">in the last</option>
          <option value="any">any time</option>
        </select>
        {days !== undefined && (
          <>
            <NumberInput
              label="Days"
              className="qs-input qs-input-num"
              min={1}
              max={3650}
              step={1}
              value={days}
              onChange={(n) => setDays(Math.min(3650, Math.max(1, Math.round(n ?? 1))))}
            />
            <span>days</span>
          </>
        )}
        <button type="button" className="qs-link-btn is-danger" onClick={onRemove}>
          Remove count
        </button>
      </legend>
      <p className="qs-hint">Counting events where:</p>
      <ConditionEditor
        value={c.where}
        fields={properties}
        depth={depth + 1}
        fieldNoun="Event property"
        onChange={(where) => onChange({ ...c, where })}
      />
    </fieldset>
  );
}
