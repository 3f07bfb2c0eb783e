import {
  all,
  type Condition,
  FRAMEWORK_NAMES,
  FRAMEWORKS,
  type Framework,
  frameworkPreset,
} from '@qualify/rules';
import { useState } from 'react';
import { uniqueId } from '../graph/ids.ts';
import { useStudio } from '../store/studio-store.ts';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';

type GateData = KindData<'gate'>;

/** A criterion not tied to any field yet: the empty group a preset leaves where no field matched. */
const isEmpty = (c: Condition) => c.type === 'group' && c.conditions.length === 0;
type Criterion = GateData['criteria'][number];

/** A framework gate: preset criteria (BANT, CHAMP...), each tied to lead fields, and the pass rule. */
export function GateEditor({ data, fields, onChange }: KindEditorProps<GateData>) {
  const notify = useStudio((s) => s.notify);
  const criteria = data.criteria;
  const weighted = data.pass.rule === 'points';
  const setCriterion = (i: number, patch: Partial<Criterion>, key?: string) =>
    onChange(
      { ...data, criteria: criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) },
      key && `crit-${i}-${key}`,
    );

  const [filled, setFilled] = useState<{ framework: string; done: number; open: string[] } | null>(null);

  const pickFramework = (framework: Framework) => {
    setFilled(null);
    if (framework === 'custom') return onChange({ ...data, framework });
    const preset = frameworkPreset(framework, fields);
    onChange(preset);
    const open = preset.criteria.filter((c) => isEmpty(c.condition)).map((c) => c.label);
    setFilled({ framework: FRAMEWORKS[framework].label, done: preset.criteria.length - open.length, open });
    notify('info', `Criteria replaced by the ${FRAMEWORKS[framework].label} preset. Undo with Ctrl+Z.`);
  };
  const addCriterion = () => {
    const id = uniqueId(new Set(criteria.map((c) => c.id)), 'criterion');
    onChange({
      ...data,
      criteria: [...criteria, { id, label: 'New criterion', condition: all() as Condition, weight: 1 }],
    });
  };
  const total = criteria.reduce((s, c) => s + c.weight, 0);

  return (
    <>
      <FormRow
        label="Framework"
        hint="Choosing a framework fills its criteria from the lead fields that match them."
      >
        {(id) => (
          <select
            id={id}
            className="qs-input"
            value={data.framework}
            onChange={(e) => pickFramework(e.target.value as Framework)}
          >
            {FRAMEWORK_NAMES.map((f) => (
              <option key={f} value={f}>
                {f === 'custom'
                  ? 'Custom criteria'
                  : `${FRAMEWORKS[f].label}: ${FRAMEWORKS[f].criteria.join(', ')}`}
              </option>
            ))}
          </select>
        )}
      </FormRow>

      {filled && (
        <div
          className={`qs-callout${filled.open.length ? ' is-warning' : ''}`}
          role="status"
          data-testid="preset-fill"
        >
          <p>
            {filled.done === 0
              ? `No ${filled.framework} criterion matches a lead field in the catalogue.`
              : `${filled.done} of ${filled.done + filled.open.length} ${filled.framework} criteria read a catalogue field: check the values below.`}
          </p>
          {filled.open.length > 0 && (
            <p>
              No matching field for <strong data-testid="preset-unfilled">{filled.open.join(', ')}</strong>:
              tie {filled.open.length === 1 ? 'it' : 'them'} to lead fields below, or add the fields to the
              catalogue.
            </p>
          )}
        </div>
      )}

      <fieldset className="qs-pass">
        <legend>The lead passes when</legend>
        <label className="qs-check">
          <input
            type="radio"
            name="pass-rule"
            checked={!weighted}
            onChange={() =>
              onChange({ ...data, pass: { rule: 'atLeast', count: Math.min(criteria.length, 3) } })
            }
          />
          at least
          <NumberInput
            label="Criteria needed"
            min={0}
            step={1}
            value={data.pass.rule === 'atLeast' ? data.pass.count : null}
            onChange={(n) =>
              onChange(
                { ...data, pass: { rule: 'atLeast', count: Math.max(0, Math.round(n ?? 0)) } },
                'count',
              )
            }
          />
          of {criteria.length} criteria are met
        </label>
        <label className="qs-check">
          <input
            type="radio"
            name="pass-rule"
            checked={weighted}
            onChange={() =>
              onChange({ ...data, pass: { rule: 'points', threshold: Math.ceil(total * 0.75) } })
            }
          />
          met criteria weigh at least
          <NumberInput
            label="Points needed"
            value={data.pass.rule === 'points' ? data.pass.threshold : null}
            onChange={(n) => onChange({ ...data, pass: { rule: 'points', threshold: n ?? 0 } }, 'threshold')}
          />
          of {total} points
        </label>
        <small className="qs-hint">
          Unknown (missing data) counts as not met; the receipt lists what to ask next.
        </small>
      </fieldset>

      <h3 className="qs-subhead">Criteria</h3>
      {criteria.length === 0 && <p className="qs-hint">No criteria yet: add one, or pick a framework.</p>}
      <ol className="qs-cards">
        {criteria.map((c, i) => (
          <li key={c.id} className="qs-card" data-criterion={c.id}>
            <div className="qs-card-head">
              <input
                className="qs-input qs-grow"
                aria-label={`Criterion ${i + 1} name`}
                value={c.label}
                onChange={(e) => setCriterion(i, { label: e.target.value }, 'label')}
              />
              {weighted && (
                <>
                  <NumberInput
                    label={`${c.label} weight`}
                    className="qs-input qs-input-num qs-points"
                    min={0}
                    value={c.weight}
                    onChange={(n) => setCriterion(i, { weight: n ?? 0 }, 'weight')}
                  />
                  <span className="qs-unit">pts</span>
                </>
              )}
              <button
                type="button"
                className="qs-icon-btn"
                aria-label={`Remove criterion ${c.label}`}
                onClick={() => onChange({ ...data, criteria: criteria.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
            <ConditionEditor
              value={c.condition}
              fields={fields}
              preferField={c.label}
              onChange={(cond) => setCriterion(i, { condition: cond })}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="qs-btn" onClick={addCriterion}>
        + Criterion
      </button>
    </>
  );
}
