import { issuesAt } from '../editor/issue-place.ts';
import { useStudio } from '../store/studio-store.ts';
import { IssueList } from '../ui/IssueList.tsx';
import { EventPropertiesSettings } from './EventPropertiesSettings.tsx';
import { GradeSettings } from './GradeSettings.tsx';
import { ScoreLimitsSettings } from './ScoreLimitsSettings.tsx';

const SCORING_PATHS = ['grade', 'scoreLimits', 'events'];

/** The Scoring tab: what every score step of the workflow shares (grade bands, score limits, event properties). */
export function ScoringPanel() {
  const issues = useStudio((s) => s.issues);
  return (
    <div className="qs-scoring">
      <p className="qs-hint">
        Scoring for the whole workflow: how fit and engagement become a grade, the limits every score is held
        within, and what events conditions can read.
      </p>
      <IssueList issues={issuesAt(issues, SCORING_PATHS)} label="Problems in the scoring settings" />
      <GradeSettings />
      <ScoreLimitsSettings />
      <EventPropertiesSettings />
    </div>
  );
}
