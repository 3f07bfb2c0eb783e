import { eventConditionsOf, type FieldCatalogue, findField } from '@qualify/rules';
import { NumberInput } from '../../ui/inputs.tsx';
import { ConditionEditor } from '../ConditionEditor.tsx';
import type { ScoreRule } from './rule-edits.ts';

interface Props {
  rule: ScoreRule;
  index: number;
  fields: FieldCatalogue;
  /** `key` groups keystrokes of one input into one undo step. */
  onChange: (rule: ScoreRule, key?: string) => void;
}

/** A rule's whole form, opened from its row: the condition editor and decay by the age of a date field. */
export function RuleDetails({ rule: r, index: i, fields, onChange }: Props) {
  const dateFields = fields.filter((f) => f.type === 'date');
  // A rule counting events can decay by the age of the newest event it counted instead of a date field.
  const counted = eventConditionsOf(r.condition).length === 1;
  return (
    <div className="qs-rule-details" data-testid="rule-details">
      <p className="qs-rule-details-title">Applies when</p>
      <ConditionEditor
        value={r.condition}
        fields={fields}
        onChange={(c) => onChange({ ...r, condition: c })}
      />
      <div className="qs-decay">
        <label className="qs-check">
          <input
            type="checkbox"
            checked={Boolean(r.decay)}
            disabled={!dateFields.length && !counted && !r.decay}
            onChange={(e) => {
              if (e.target.checked)
                onChange({
                  ...r,
                  decay: counted ? { days: 30 } : { field: dateFields[0]?.path ?? '', days: 30 },
                });
              else {
                const { decay: _drop, ...rest } = r;
                onChange(rest);
              }
            }}
          />
          Decay with age {dateFields.length || counted ? '' : '(add a date field first)'}
        </label>
        {r.decay && (
          <span className="qs-inline">
            <select
              className="qs-input"
              aria-label={`Rule ${i + 1} decay date`}
              value={r.decay.field ?? ''}
              onChange={(e) => {
                const days = r.decay?.days ?? 30;
                onChange({ ...r, decay: e.target.value ? { field: e.target.value, days } : { days } });
              }}
            >
              {counted && <option value="">the newest event it counts</option>}
              {r.decay.field !== undefined && !findField(fields, r.decay.field) && (
                <option value={r.decay.field}>{r.decay.field || 'choose…'}</option>
              )}
              {!counted && r.decay.field === undefined && <option value="">choose…</option>}
              {dateFields.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.label}
                </option>
              ))}
            </select>
            <span>
              full points within {r.decay.days} days, half within {2 * r.decay.days}
            </span>
          </span>
        )}
      </div>
    </div>
  );
}

/** The decay cell of a row: days editable inline when the rule decays, else a dash. */
export function DecayCell({ rule: r, index: i, onChange }: Omit<Props, 'fields'>) {
  if (!r.decay) {
    return (
      <span className="qs-muted" title="No decay: open the rule's details to add one">
        —
      </span>
    );
  }
  return (
    <span className="qs-decay-cell">
      <NumberInput
        label={`Rule ${i + 1} decay days`}
        className="qs-input qs-input-num qs-cell-num"
        min={1}
        step={1}
        value={r.decay.days}
        onChange={(n) => onChange({ ...r, decay: { ...r.decay, days: n ?? 1 } }, 'decay-days')}
      />
      <span className="qs-unit">d</span>
    </span>
  );
}
