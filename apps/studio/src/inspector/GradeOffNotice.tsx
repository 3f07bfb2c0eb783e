import { DEFAULT_GRADE } from '@qualify/rules';
import { setGrade } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';

/** Said where a step or condition reads the grade while the workflow has no grade bands: one click turns them on. */
export function GradeOffNotice() {
  const turnOn = () => {
    const { doc, commit } = useStudio.getState();
    if (doc) commit(setGrade(doc, DEFAULT_GRADE));
  };
  return (
    <p className="qs-grade-off" role="status">
      This workflow does not grade leads yet, so no lead has a grade to test.
      <button type="button" className="qs-link-btn" onClick={turnOn}>
        Turn grading on
      </button>
    </p>
  );
}
