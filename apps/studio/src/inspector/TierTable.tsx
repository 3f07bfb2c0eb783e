import type { ReactNode } from 'react';

interface Tier {
  id: string;
  label: string;
}

interface Props<T extends Tier> {
  tiers: T[];
  /** The heading and the cell of the column between the label and the remove button. */
  middle: { heading: string; cell: (tier: T, index: number) => ReactNode };
  onRename: (index: number, label: string) => void;
  onChange: (tiers: T[]) => void;
  /** A new tier to add after the others. */
  added: () => T;
  max: number;
}

/** The tiers of a tiers step as a table: each tier's label, its own column, remove; then + Tier. */
export function TierTable<T extends Tier>({ tiers, middle, onRename, onChange, added, max }: Props<T>) {
  return (
    <>
      <table className="qs-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">{middle.heading}</th>
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
                  onChange={(e) => onRename(i, e.target.value)}
                />
              </td>
              {middle.cell(t, i)}
              <td>
                <button
                  type="button"
                  className="qs-icon-btn"
                  aria-label={`Remove tier ${t.label}`}
                  disabled={tiers.length <= 1}
                  onClick={() => onChange(tiers.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="qs-link-btn"
        onClick={() => onChange([...tiers, added()])}
        disabled={tiers.length >= max}
      >
        + Tier
      </button>
    </>
  );
}
