import { useState } from 'react';
import type { DiffSide } from '../api/governance.ts';
import type { VersionSummary } from '../api/types.ts';
import { DiffView } from './DiffView.tsx';
import { useDiff } from './use-diff.ts';

const sideValue = (s: DiffSide) => String(s);
const readSide = (v: string): DiffSide => (v === 'draft' ? 'draft' : Number(v));

function SidePicker(props: {
  id: string;
  label: string;
  value: DiffSide;
  versions: VersionSummary[];
  onChange(s: DiffSide): void;
}) {
  return (
    <div className="qs-form-row">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        className="qs-input"
        value={sideValue(props.value)}
        onChange={(e) => props.onChange(readSide(e.target.value))}
      >
        <option value="draft">The draft</option>
        {props.versions.map((v) => (
          <option key={v.number} value={v.number}>
            Version {v.number}
            {v.live ? ' (live)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function Comparison({ from, to }: { from: DiffSide; to: DiffSide }) {
  return <DiffView state={useDiff(from, to)} />;
}

/** Compares any two versions, or a version and the draft, with the review's diff view. */
export function CompareVersions({ versions }: { versions: VersionSummary[] }) {
  const [from, setFrom] = useState<DiffSide>(versions[0]?.number ?? 'draft');
  const [to, setTo] = useState<DiffSide>('draft');
  const [shown, setShown] = useState<{ from: DiffSide; to: DiffSide } | null>(null);
  return (
    <section className="qs-compare" aria-label="Compare versions">
      <form
        className="qs-form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ from, to });
        }}
      >
        <SidePicker
          id="qs-compare-from"
          label="Compare"
          value={from}
          versions={versions}
          onChange={setFrom}
        />
        <SidePicker id="qs-compare-to" label="with" value={to} versions={versions} onChange={setTo} />
        <div className="qs-row qs-compare-actions">
          <button type="submit" className="qs-btn" disabled={from === to}>
            Compare
          </button>
          {shown && (
            <button type="button" className="qs-btn" onClick={() => setShown(null)}>
              Close comparison
            </button>
          )}
        </div>
      </form>
      {shown && <Comparison key={`${shown.from}>${shown.to}`} from={shown.from} to={shown.to} />}
    </section>
  );
}
