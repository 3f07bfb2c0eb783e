import { FieldCatalogueEditor } from '../inspector/FieldCatalogueEditor.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { ReviewPanel } from '../review/ReviewPanel.tsx';
import { ScoringPanel } from '../scoring/ScoringPanel.tsx';
import { type SideTab, useStudio } from '../store/studio-store.ts';
import { countText, useErrorCount, useWarningCount } from '../store/use-issues-by-node.ts';
import { TestCasesPanel } from '../test-cases/TestCasesPanel.tsx';
import { TestPanel } from '../test-panel/TestPanel.tsx';
import { tablistKeys } from '../ui/tablist-keys.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'test', label: 'Test' },
  { id: 'cases', label: 'Test cases' },
  { id: 'problems', label: 'Problems' },
  { id: 'fields', label: 'Fields' },
  { id: 'scoring', label: 'Scoring' },
  { id: 'versions', label: 'Versions' },
  { id: 'review', label: 'Review' },
];

/** The right-hand panel: inspector, test run, saved test cases, problems, field catalogue, scoring, versions, review. */
export function SidePanel() {
  const tab = useStudio((s) => s.tab);
  const setTab = useStudio((s) => s.setTab);
  // The badge counts what the header counts: errors while there are any (publishing waits for them), else
  // warnings; its label says both.
  const errors = useErrorCount();
  const warnings = useWarningCount();

  return (
    <aside className="qs-side" aria-label="Details">
      <div className="qs-tabs" role="tablist" aria-label="Panels" onKeyDown={tablistKeys}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="qs-side-body"
            className="qs-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === 'problems' && errors + warnings > 0 && (
              <span
                className={`qs-count ${errors ? 'is-error' : 'is-warning'}`}
                data-testid="problem-count"
                title={countText(errors, warnings)}
              >
                {errors || warnings}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="qs-side-body" id="qs-side-body" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'inspector' && <Inspector />}
        {tab === 'test' && <TestPanel />}
        {tab === 'cases' && <TestCasesPanel />}
        {tab === 'problems' && <ProblemsPanel />}
        {tab === 'fields' && <FieldCatalogueEditor />}
        {tab === 'scoring' && <ScoringPanel />}
        {tab === 'versions' && <VersionsPanel />}
        {tab === 'review' && <ReviewPanel />}
      </div>
    </aside>
  );
}
