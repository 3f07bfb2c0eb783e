import type { BacktestReport, BacktestStart } from '../api/backtest.ts';
import { useStudio } from '../store/studio-store.ts';
import { downloadText } from '../workflows/file-io.ts';
import { BreakdownSection } from './Breakdown.tsx';
import { routeRows, stageRows } from './breakdown.ts';
import { reportToCsv } from './export-csv.ts';
import { fmtCount, fmtRate, versionTitle } from './format.ts';
import { RouteChanges } from './RouteChanges.tsx';
import { RowProblems } from './RowProblems.tsx';
import { ScoreHistograms } from './ScoreHistograms.tsx';
import { SweepPanel } from './SweepPanel.tsx';
import type { RunState } from './session.ts';
import { VersionKpis } from './VersionKpis.tsx';

type Done = Extract<RunState, { status: 'done' }>;

/** Everything a finished run found, version beside version. */
export function Results({ run }: { run: Done }) {
  const { report, start } = run;
  const id = useStudio((s) => s.meta?.id ?? 'workflow');
  const versions = report.versions;
  const names = versions.map((v) => v.name);
  const draftChanged = useStudio((s) => s.doc !== run.ranOn);
  const stale = draftChanged && names.includes('draft');
  const first = versions[0];

  return (
    <div className="qs-bt-results" data-testid="backtest-results">
      <section className="qs-bt-section qs-bt-summary" aria-labelledby="bt-summary">
        <div className="qs-row">
          <h2 id="bt-summary">Results</h2>
          <span className="qs-grow" />
          <button
            type="button"
            className="qs-btn"
            onClick={() => downloadText(`${id}-backtest.csv`, reportToCsv(report), 'text/csv')}
          >
            Export results as CSV
          </button>
        </div>
        <p className="qs-bt-sentence" data-testid="backtest-summary">
          <strong>{fmtCount(report.rows)}</strong> leads evaluated with{' '}
          {names.map(versionTitle).join(' and ')}
          {first && (
            <>
              ; <strong>{fmtCount(first.converted)}</strong> of them converted, a baseline conversion of{' '}
              <strong>{fmtRate(first.baselineRate)}</strong>
            </>
          )}
          .
        </p>
        <Mapped start={start} ranOn={run.ranOn} />
        <TimeUsed report={report} />
        {stale && (
          <p className="qs-callout is-warning" role="status">
            The draft has changed since this run: run the backtest again to see what the change does.
          </p>
        )}
        <div className="qs-bt-side">
          {versions.map((v, i) => (
            <VersionKpis key={v.name} v={v} index={versions.length === 1 ? 1 : i} />
          ))}
        </div>
      </section>

      {versions.length === 2 && (
        <RouteChanges
          changes={report.changes}
          names={[names[0]!, names[1]!]}
          leads={report.rows}
          compared={run.compared}
          comparedError={run.comparedError}
        />
      )}
      {report.sweep && <SweepPanel sweep={report.sweep} versionName={names.at(-1) ?? 'draft'} />}
      <BreakdownSection
        id="bt-routes"
        title="Leads per route"
        rowHeader="Route"
        rows={routeRows(versions)}
        versions={versions}
      />
      <BreakdownSection
        id="bt-stages"
        title="Leads per stage"
        rowHeader="Stage"
        rows={stageRows(versions)}
        versions={versions}
      />
      <ScoreHistograms versions={versions} />
      <RowProblems report={report} />
    </div>
  );
}

/** The mapping the runtime actually used, from the start line, so nobody wonders. */
function Mapped({ start, ranOn }: { start: BacktestStart | null; ranOn: Done['ranOn'] }) {
  if (!start) return null;
  const used = Object.entries(start.mapping).filter(([, path]) => path);
  const labels = new Map(ranOn.fields.map((f) => [f.path, f.label]));
  // An older runtime does not say which fields went unfed.
  const unfed = (start.unmappedFields ?? []).map((p) => labels.get(p) ?? p);
  return (
    <p className="qs-hint" data-testid="backtest-mapped">
      Outcome from <code>{start.outcome}</code>; {used.length} of {start.headers.length} columns fed lead
      fields.
      {unfed.length > 0 && (
        <>
          {' '}
          No column fed {unfed.join(', ')}: {unfed.length === 1 ? 'it was' : 'they were'} missing for every
          lead.
        </>
      )}
    </p>
  );
}

/** Which time the runtime evaluated the rows at, in its words, and the rows that had none of their own. */
function TimeUsed({ report }: { report: BacktestReport }) {
  const { text, fallbackRows, column } = report.evaluatedAt;
  const { count, sample } = fallbackRows;
  return (
    <p className="qs-hint" data-testid="backtest-evaluated-at">
      Evaluated at: {text}.
      {count > 0 && (
        <>
          {' '}
          {fmtCount(count)} row{count === 1 ? '' : 's'} had no readable {column} (line
          {sample.length === 1 ? '' : 's'}{' '}
          {sample
            .slice(0, 5)
            .map((s) => s.line)
            .join(', ')}
          {count > 5 ? ', …' : ''}).
        </>
      )}
    </p>
  );
}
