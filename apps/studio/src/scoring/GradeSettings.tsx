import { DEFAULT_GRADE, type Grade, type GradeName, gradeText, gradeWords } from '@qualify/rules';
import { setGrade } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';
import { NumberInput } from '../ui/inputs.tsx';
import { GradeGrid } from './GradeGrid.tsx';

/** The four thresholds, each "at least" this score: the letter's from fit, the digit's from engagement. */
const BANDS: {
  label: string;
  get: (g: Grade) => number;
  set: (g: Grade, n: number) => Grade;
  key: string;
}[] = [
  {
    key: 'A',
    label: 'A: fit score at least',
    get: (g) => g.fit.A,
    set: (g, A) => ({ ...g, fit: { ...g.fit, A } }),
  },
  {
    key: 'B',
    label: 'B: fit score at least',
    get: (g) => g.fit.B,
    set: (g, B) => ({ ...g, fit: { ...g.fit, B } }),
  },
  {
    key: '1',
    label: '1: engagement score at least',
    get: (g) => g.engagement['1'],
    set: (g, n) => ({ ...g, engagement: { ...g.engagement, '1': n } }),
  },
  {
    key: '2',
    label: '2: engagement score at least',
    get: (g) => g.engagement['2'],
    set: (g, n) => ({ ...g, engagement: { ...g.engagement, '2': n } }),
  },
];

/** Grading on or off, its four bands, and the grid of what each grade means. */
export function GradeSettings() {
  const doc = useStudio((s) => s.doc);
  const commit = useStudio((s) => s.commit);
  if (!doc) return null;
  const grade = doc.grade;
  const cell = (name: GradeName) =>
    grade && (
      <span className="qs-grade-cell" title={gradeText(grade, name)}>
        <strong>{name}</strong>
        <small>{gradeWords(name)}</small>
      </span>
    );
  return (
    <section className="qs-card qs-scoring-sec" aria-labelledby="qs-grade-head">
      <h3 id="qs-grade-head" className="qs-subhead">
        Grade
      </h3>
      <label className="qs-check">
        <input
          type="checkbox"
          checked={Boolean(grade)}
          onChange={(e) => commit(setGrade(doc, e.target.checked ? DEFAULT_GRADE : undefined))}
        />
        Grade leads fit × engagement, A1 (best) to C3
      </label>
      {grade ? (
        <>
          <div className="qs-form-grid qs-grade-bands">
            {BANDS.map((b) => (
              <div key={b.key} className="qs-band">
                <span aria-hidden="true">{b.label}</span>
                <NumberInput
                  label={b.label}
                  value={b.get(grade)}
                  // An emptied box changes nothing: every band needs a number.
                  onChange={(n) =>
                    n !== null && commit(setGrade(doc, b.set(grade, n)), { key: `grade-${b.key}` })
                  }
                />
              </div>
            ))}
          </div>
          <GradeGrid grade={grade} caption="What each grade means" cell={cell} testId="grade-grid" />
        </>
      ) : (
        <p className="qs-hint">
          Off: decisions carry no grade. On, the letter says how well the lead fits (fit score) and the digit
          how engaged it is (engagement score), so sales can read "A1" at a glance and conditions can test it.
        </p>
      )}
    </section>
  );
}
