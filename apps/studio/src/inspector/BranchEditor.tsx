import { uniqueId } from '../graph/ids.ts';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';

type BranchData = KindData<'branch'>;

/** Score tiers: which score, ordered thresholds (first match wins) and the label of the rest. */
export function BranchEditor({ data, onChange }: KindEditorProps<BranchData>) {
  const tiers = data.tiers;
  const setTier = (i: number, patch: Partial<BranchData['tiers'][number]>, key: string) =>
    onChange({ ...data, tiers: tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }, `tier-${i}-${key}`);
  const addTier = () => {
    const id = uniqueId(new Set(tiers.map((t) => t.id)), 'tier');
    const lowest = tiers.at(-1)?.min ?? 20;
    onChange({ ...data, tiers: [...tiers, { id, label: 'New tier', min: Math.max(0, lowest - 10) }] });
  };
  return (
    <>
      <FormRow label="Sort leads by">
        {(id) => (
          <select
            id={id}
            className="qs-input"
            value={data.on}
            onChange={(e) => onChange({ ...data, on: e.target.value as BranchData['on'] })}
          >
            <option value="total">Total score (fit + engagement)</option>
            <option value="fit">Fit score</option>
            <option value="engagement">Engagement score</option>
          </select>
        )}
      </FormRow>
      <h3 className="qs-subhead">Tiers, highest first</h3>
      <table className="qs-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">From (points)</th>
            <th scope="col">
              <span className="qs-sr">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((t, i) => (
            <tr key={t.id}>
              <td>
                <input
                  className="qs-input"
                  aria-label={`Tier ${i + 1} label`}
                  value={t.label}
                  onChange={(e) => setTier(i, { label: e.target.value }, 'label')}
                />
              </td>
              <td>
                <NumberInput
                  label={`Tier ${i + 1} threshold`}
                  value={t.min}
                  onChange={(n) => setTier(i, { min: n ?? 0 }, 'min')}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="qs-icon-btn"
                  aria-label={`Remove tier ${t.label}`}
                  disabled={tiers.length <= 1}
                  onClick={() => onChange({ ...data, tiers: tiers.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="qs-link-btn" onClick={addTier} disabled={tiers.length >= 20}>
        + Tier
      </button>
      <FormRow label="Label for the rest (below every tier)">
        {(id) => (
          <input
            id={id}
            className="qs-input"
            value={data.elseLabel}
            onChange={(e) => onChange({ ...data, elseLabel: e.target.value }, 'else')}
          />
        )}
      </FormRow>
    </>
  );
}
