import { useMemo } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { FormRow } from '../ui/inputs.tsx';
import { cancelRun } from './actions.ts';
import { fmtCount } from './format.ts';
import { runBacktest } from './run-backtest.ts';
import { parseThresholds, resolveVersions, versionChoices } from './run-options.ts';
import { sweepKey, tierOptions } from './tiers.ts';
import { timeBlocker } from './time-options.ts';

function Progress() {
  const run = useStudio((s) => s.backtest.run);
  const estimate = useStudio((s) => s.backtest.header?.estimatedRows ?? null);
  if (run.status === 'running') {
    const max = Math.max(estimate ?? 0, run.rows, 1);
    // Browsers send the whole file before they hand over any of the answer, so until the upload is
    // through the bar shows the share of the file sent (the runtime evaluates rows as they arrive).
    const sending = run.rows === 0;
    const sent = run.sent === undefined ? undefined : Math.round(run.sent * 100);
    return (
      <div className="qs-bt-progress">
        <progress
          max={sending ? 100 : max}
          value={sending ? sent : run.rows}
          aria-label="Backtest progress"
          aria-valuetext={
            sending
              ? `Sending the file${sent === undefined ? '' : `: ${sent}%`}`
              : `${fmtCount(run.rows)} rows evaluated`
          }
        />
        <span role="status" data-testid="backtest-progress">
          {sending
            ? `Sending the file${sent === undefined ? '' : `: ${sent}%`}; the runtime evaluates the rows as they arrive…`
            : `${fmtCount(run.rows)} rows evaluated${estimate ? ` of about ${fmtCount(estimate)}` : ''}…`}
        </span>
      </div>
    );
  }
  if (run.status === 'error') {
    return (
      <p className="qs-error-text" role="alert" data-testid="backtest-error">
        The backtest stopped{run.rows ? ` after ${fmtCount(run.rows)} rows` : ''}: {run.message}
      </p>
    );
  }
  if (run.status === 'cancelled') {
    return (
      <p className="qs-hint" role="status">
        Cancelled{run.rows ? ` after ${fmtCount(run.rows)} rows` : ''}. Nothing was kept.
      </p>
    );
  }
  return null;
}

/** Which versions to compare, an optional threshold sweep, Run / Cancel and the progress. */
export function RunPanel() {
  const meta = useStudio((s) => s.meta)!;
  const doc = useStudio((s) => s.doc)!;
  const b = useStudio((s) => s.backtest);
  const setBacktest = useStudio((s) => s.setBacktest);
  const choices = versionChoices(meta.liveVersion, meta.latestVersion);
  const tiers = useMemo(() => tierOptions(doc), [doc]);

  const versions = resolveVersions(b.first, b.second, meta.liveVersion);
  const first = versions[0]!;
  const second = versions[1] ?? '';
  const label = (token: string) => choices.find((c) => c.token === token)?.label ?? token;
  const thresholds = b.sweep ? parseThresholds(b.thresholds) : [];
  const running = b.run.status === 'running';
  const blocker = !b.header
    ? 'Choose a file first.'
    : !b.outcome
      ? 'Choose the outcome column.'
      : typeof thresholds === 'string'
        ? `Thresholds: ${thresholds}`
        : (timeBlocker(b) ?? null);

  return (
    <section className="qs-bt-section" aria-labelledby="bt-run">
      <h2 id="bt-run">Run</h2>
      <div className="qs-bt-options">
        <FormRow label="Version" hint="The baseline: route changes are counted from it.">
          {(id) => (
            <select
              id={id}
              className="qs-input"
              value={first}
              onChange={(e) =>
                setBacktest({ first: e.target.value, second: e.target.value === second ? '' : second })
              }
            >
              {choices.map((c) => (
                <option key={c.token} value={c.token}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </FormRow>
        <FormRow label="Compare with" hint="Leave out to look at one version alone.">
          {(id) => (
            <select
              id={id}
              className="qs-input"
              value={second}
              onChange={(e) => setBacktest({ first, second: e.target.value })}
            >
              <option value="">Nothing: this version alone</option>
              {choices
                .filter((c) => c.token !== first)
                .map((c) => (
                  <option key={c.token} value={c.token}>
                    {c.label}
                  </option>
                ))}
            </select>
          )}
        </FormRow>
        <FormRow
          label="Sweep a threshold (optional)"
          hint={`Tries other values of one tier's threshold on ${label(versions.at(-1)!).toLowerCase()}.`}
        >
          {(id) => (
            <select
              id={id}
              className="qs-input"
              value={b.sweep}
              onChange={(e) => setBacktest({ sweep: e.target.value })}
            >
              <option value="">No sweep</option>
              {tiers.map((t) => (
                <option key={sweepKey(t)} value={sweepKey(t)}>
                  {t.nodeLabel} → {t.tierLabel} (now {t.min} points)
                </option>
              ))}
            </select>
          )}
        </FormRow>
        {b.sweep && (
          <FormRow
            label="Thresholds to try"
            hint="Comma separated. Empty: the current threshold ± 30 in steps of 5."
          >
            {(id) => (
              <input
                id={id}
                className="qs-input"
                value={b.thresholds}
                placeholder="e.g. 30, 40, 50, 60"
                onChange={(e) => setBacktest({ thresholds: e.target.value })}
              />
            )}
          </FormRow>
        )}
      </div>
      {tiers.length === 0 && (
        <p className="qs-hint">This workflow has no score tiers, so there is no threshold to sweep.</p>
      )}
      <div className="qs-row">
        <button
          type="button"
          className="qs-btn is-primary"
          disabled={running || blocker !== null}
          onClick={() => void runBacktest()}
          aria-describedby={blocker ? 'bt-blocker' : undefined}
        >
          {running
            ? 'Running…'
            : versions.length === 2
              ? `Run: ${label(first)} vs ${label(second)}`
              : `Run on ${label(first).toLowerCase()}`}
        </button>
        {running && (
          <button type="button" className="qs-btn" onClick={cancelRun}>
            Cancel
          </button>
        )}
        {blocker && (
          <span className="qs-hint" id="bt-blocker">
            {blocker}
          </span>
        )}
        {versions.includes('draft') && !running && (
          <span className="qs-hint">The draft is saved first: the runtime backtests the saved draft.</span>
        )}
      </div>
      <Progress />
    </section>
  );
}
