import { ScoreDistribution } from '../distribution/ScoreDistribution.tsx';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import type { KindEditorProps } from './kind-data.ts';
import type { ScoreData } from './score-table/rule-edits.ts';
import { ScoreRulesTable } from './score-table/ScoreRulesTable.tsx';

/**
 * A score step: whether it adds fit or engagement points, its cap and floor, then its rules as a table, then
 * how the draft's scores and routes fall over the sample leads as the rules change.
 */
export function ScoreEditor({ data, fields, onChange }: KindEditorProps<ScoreData>) {
  const top = data.rules.reduce((s, r) => s + Math.max(0, r.points), 0);

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
              step={1}
              placeholder="no cap"
              value={data.cap}
              onChange={(n) => onChange({ ...data, cap: n }, 'cap')}
            />
          )}
        </FormRow>
        <FormRow label="Floor (points)" hint="Empty: no floor. The step never adds less (may be negative).">
          {() => (
            <NumberInput
              label="Floor (points)"
              step={1}
              placeholder="no floor"
              value={data.floor}
              onChange={(n) => onChange({ ...data, floor: n }, 'floor')}
            />
          )}
        </FormRow>
      </div>
      <ScoreRulesTable data={data} fields={fields} onChange={onChange} />
      <ScoreDistribution />
    </>
  );
}
