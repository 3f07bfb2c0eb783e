import { all, type Condition, findField } from '@qualify/rules';
import { uniqueId } from '../graph/ids.ts';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';

type ScoreData = KindData<'score'>;
type Rule = ScoreData['rules'][number];

/** A scoring table: fit or engagement points per rule, an optional cap and optional decay by age. */
export function ScoreEditor({ data, fields, onChange }: KindEditorProps<ScoreData>) {
  const rules = data.rules;
  const dateFields = fields.filter((f) => f.type === 'date');
  const setRule = (i: number, patch: Partial<Rule>, key?: string) =>
    onChange(
      { ...data, rules: rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) },
      key && `rule-${i}-${key}`,
    );
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    if (r) next.splice(i + by, 0, r);
    onChange({ ...data, rules: next });
  };
  const addRule = () => {
    const id = uniqueId(new Set(rules.map((r) => r.id)), 'rule');
    onChange({
      ...data,
      rules: [...rules, { id, label: 'New rule', condition: all() as Condition, points: 10 }],
    });
  };
  const top = rules.reduce((s, r) => s + Math.max(0, r.points), 0);

  return (
    <>
      <div className="qs-form-grid">
        <FormRow label="Adds to">
          {(id) => (
            <select
              id={id}
              className="qs-input"
              value={data.scoreType}
              onChange={(e) => onChange({ ...data, scoreType: e.target.value as ScoreData['scoreType'] })}
            >
              <option value="fit">Fit score (who the lead is)</option>
              <option value="engagement">Engagement score (what it did)</option>
            </select>
          )}
        </FormRow>
        <FormRow label="Cap (points)" hint={`Empty: no cap. Rules add up to ${top}.`}>
          {() => (
            <NumberInput
              label="Cap (points)"
              min={0}
              placeholder="no cap"
              value={data.cap}
              onChange={(n) => onChange({ ...data, cap: n }, 'cap')}
            />
          )}
        </FormRow>
      </div>
      <h3 className="qs-subhead">Rules</h3>
      {rules.length === 0 && <p className="qs-hint">No rules yet: this table adds no points.</p>}
      <ol className="qs-cards">
        {rules.map((r, i) => (
          <li key={r.id} className="qs-card">
            <div className="qs-card-head">
              <input
                className="qs-input qs-grow"
                aria-label={`Rule ${i + 1} label`}
                value={r.label}
                onChange={(e) => setRule(i, { label: e.target.value }, 'label')}
              />
              <NumberInput
                label={`Rule ${i + 1} points`}
                className="qs-input qs-input-num qs-points"
                value={r.points}
                onChange={(n) => setRule(i, { points: n ?? 0 }, 'points')}
              />
              <span className="qs-unit">pts</span>
              <button
                type="button"
                className="qs-icon-btn"
                aria-label={`Move rule ${r.label} up`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="qs-icon-btn"
                aria-label={`Move rule ${r.label} down`}
                disabled={i === rules.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="qs-icon-btn"
                aria-label={`Remove rule ${r.label}`}
                onClick={() => onChange({ ...data, rules: rules.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
            <ConditionEditor
              value={r.condition}
              fields={fields}
              onChange={(c) => setRule(i, { condition: c })}
            />
            <div className="qs-decay">
              <label className="qs-check">
                <input
                  type="checkbox"
                  checked={Boolean(r.decay)}
                  disabled={!dateFields.length && !r.decay}
                  onChange={(e) => {
                    if (e.target.checked)
                      setRule(i, { decay: { field: dateFields[0]?.path ?? '', days: 30 } });
                    else {
                      const { decay: _drop, ...rest } = r;
                      onChange({ ...data, rules: rules.map((x, j) => (j === i ? rest : x)) });
                    }
                  }}
                />
                Decay with age {dateFields.length ? '' : '(add a date field first)'}
              </label>
              {r.decay && (
                <span className="qs-inline">
                  <select
                    className="qs-input"
                    aria-label={`Rule ${i + 1} decay date field`}
                    value={r.decay.field}
                    onChange={(e) =>
                      setRule(i, { decay: { field: e.target.value, days: r.decay?.days ?? 30 } })
                    }
                  >
                    {!findField(fields, r.decay.field ?? '') && (
                      <option value={r.decay.field}>{r.decay.field || 'choose…'}</option>
                    )}
                    {dateFields.map((f) => (
                      <option key={f.path} value={f.path}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                  <span>full points within</span>
                  <NumberInput
                    label={`Rule ${i + 1} decay days`}
                    min={1}
                    step={1}
                    value={r.decay.days}
                    onChange={(n) =>
                      setRule(i, { decay: { field: r.decay?.field ?? '', days: n ?? 1 } }, 'decay-days')
                    }
                  />
                  <span>days, half within twice that</span>
                </span>
              )}
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="qs-btn" onClick={addRule}>
        + Rule
      </button>
    </>
  );
}
