import { GRADES, type GradeName } from '@qualify/rules';
import { uniqueId } from '../graph/ids.ts';
import { GradeGrid } from '../scoring/GradeGrid.tsx';
import { useGrade } from '../store/use-doc.ts';
import { FormRow } from '../ui/inputs.tsx';
import { GradeOffNotice } from './GradeOffNotice.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';
import { TierTable } from './TierTable.tsx';

type GradeTiersData = KindData<'grade'>;
type Tier = GradeTiersData['tiers'][number];

/** The tier a lead of this grade leaves by (the first that holds it), or -1 for the else exit. */
const tierOf = (tiers: Tier[], name: GradeName) => tiers.findIndex((t) => t.grades.includes(name));

/**
 * Grade tiers: the tiers by name, and the 3×3 grid where each grade picks its tier (or the rest), so
 * every grade has exactly one exit and what a lead gets is what the grid shows.
 */
export function GradeTiersEditor({ data, onChange }: KindEditorProps<GradeTiersData>) {
  const grade = useGrade();
  const tiers = data.tiers;
  /** Moves a grade to tier `to` (-1: the rest), out of every other tier; grades stay in the grid's order. */
  const place = (name: GradeName, to: number) =>
    onChange({
      ...data,
      tiers: tiers.map((t, i) => ({
        ...t,
        grades: GRADES.filter((g) => (g === name ? i === to : t.grades.includes(g))),
      })),
    });
  const rename = (i: number, label: string) =>
    onChange({ ...data, tiers: tiers.map((t, j) => (j === i ? { ...t, label } : t)) }, `tier-${i}-label`);
  const added = () => ({
    id: uniqueId(new Set(tiers.map((t) => t.id)), 'tier'),
    label: `Tier ${tiers.length + 1}`,
    grades: [],
  });
  return (
    <>
      {!grade && <GradeOffNotice />}
      <h3 className="qs-subhead">Tiers</h3>
      <TierTable
        tiers={tiers}
        middle={{
          heading: 'Grades',
          cell: (_, i) => (
            <td className="qs-muted">
              {GRADES.filter((g) => tierOf(tiers, g) === i).join(', ') || 'none yet'}
            </td>
          ),
        }}
        onRename={rename}
        onChange={(next) => onChange({ ...data, tiers: next })}
        added={added}
        max={9}
      />
      <h3 className="qs-subhead">Where each grade goes</h3>
      <GradeGrid
        grade={grade}
        caption="The tier each grade goes to"
        testId="grade-tiers-grid"
        cell={(name) => (
          <label className={`qs-grade-tier-pick${tierOf(tiers, name) < 0 ? '' : ' is-tiered'}`}>
            {name}
            <select
              className="qs-input"
              aria-label={`${name} goes to`}
              value={tierOf(tiers, name)}
              onChange={(e) => place(name, Number(e.target.value))}
            >
              {tiers.map((t, i) => (
                <option key={t.id} value={i}>
                  {t.label}
                </option>
              ))}
              <option value={-1}>{data.elseLabel}</option>
            </select>
          </label>
        )}
      />
      <FormRow label="Label for the other grades">
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
