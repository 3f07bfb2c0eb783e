import { uniqueId } from '../graph/ids.ts';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';
import { TierTable } from './TierTable.tsx';

type BranchData = KindData<'branch'>;

/** Score tiers: which score, ordered thresholds (first match wins) and the label of the rest. */
export function BranchEditor({ data, onChange }: KindEditorProps<BranchData>) {
  const tiers = data.tiers;
  const setTier = (i: number, patch: Partial<BranchData['tiers'][number]>, key: string) =>
    onChange({ ...data, tiers: tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }, `tier-${i}-${key}`);
  const added = () => {
    const id = uniqueId(new Set(tiers.map((t) => t.id)), 'tier');
    const lowest = tiers.at(-1)?.min ?? 20;
    return { id, label: 'New tier', min: Math.max(0, lowest - 10) };
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
      <TierTable
        tiers={tiers}
        middle={{
          heading: 'From (points)',
          cell: (t, i) => (
            <td>
              <NumberInput
                label={`Tier ${i + 1} threshold`}
                value={t.min}
                onChange={(n) => setTier(i, { min: n ?? 0 }, 'min')}
              />
            </td>
          ),
        }}
        onRename={(i, label) => setTier(i, { label }, 'label')}
        onChange={(next) => onChange({ ...data, tiers: next })}
        added={added}
        max={20}
      />
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
