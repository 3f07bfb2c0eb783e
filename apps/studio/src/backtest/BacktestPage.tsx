import { useStudio } from '../store/studio-store.ts';
import { EvaluatedAtPanel } from './EvaluatedAtPanel.tsx';
import { MappingTable } from './MappingTable.tsx';
import { Results } from './Results.tsx';
import { RunPanel } from './RunPanel.tsx';
import { UploadZone } from './UploadZone.tsx';

/**
 * The backtest: past leads with known outcomes run through the live version and the draft, to see
 * before publishing whether a change sends more of the leads that convert to sales.
 */
export function BacktestPage() {
  const hasHeader = useStudio((s) => s.backtest.header !== null);
  const run = useStudio((s) => s.backtest.run);
  return (
    <div className="qs-page qs-backtest">
      <header className="qs-bt-head">
        <p className="qs-eyebrow">Backtest</p>
        <p className="qs-lead">
          Would the draft have done better than what is live? Run leads whose outcome you already know through
          both, and compare where they went and how many of the leads sent to sales converted.
        </p>
      </header>
      <UploadZone />
      {hasHeader && (
        <>
          <MappingTable />
          <EvaluatedAtPanel />
          <RunPanel />
        </>
      )}
      {run.status === 'done' && <Results run={run} />}
    </div>
  );
}
