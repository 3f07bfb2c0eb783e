import { conditionText, GRADES, type GradeCondition, type GradeName } from '@qualify/rules';
import { GradeGrid } from '../scoring/GradeGrid.tsx';
import { useGrade } from '../store/use-doc.ts';
import { GradeOffNotice } from './GradeOffNotice.tsx';

interface Props {
  value: GradeCondition;
  onChange: (c: GradeCondition) => void;
  onRemove: () => void;
  depth: number;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Grade is A1, A2 or B1": a box per grade in the 3×3 grid, with the bands in words beside it. */
export function GradeConditionEditor({ value, onChange, onRemove, depth }: Props) {
  const grade = useGrade();
  // Kept in the grid's order (best first), so the sentence reads the same however the boxes were ticked.
  const toggle = (name: GradeName, on: boolean) =>
    onChange({ ...value, grades: GRADES.filter((g) => (g === name ? on : value.grades.includes(g))) });
  return (
    <fieldset className={`qs-group qs-depth-${depth % 2}`} data-testid="grade-condition">
      <legend className="qs-group-head">
        <span>{sentence(conditionText(value, []))}</span>
        <button type="button" className="qs-link-btn is-danger" onClick={onRemove}>
          Remove grade
        </button>
      </legend>
      {!grade && <GradeOffNotice />}
      <GradeGrid
        grade={grade}
        caption="Grades this condition matches"
        cell={(name) => (
          <label className="qs-grade-pick">
            <input
              type="checkbox"
              checked={value.grades.includes(name)}
              onChange={(e) => toggle(name, e.target.checked)}
            />
            {name}
          </label>
        )}
      />
    </fieldset>
  );
}
