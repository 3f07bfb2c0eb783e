import { useCallback, useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type ChallengerState, type ShadowReport, shadow } from '../api/shadow.ts';
import { runtime } from '../api/workflows.ts';
import { fmtCount, fmtRate } from '../backtest/format.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor } from '../routing/router.ts';
import { useStudio } from '../store/studio-store.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { ChallengerPicker } from './ChallengerPicker.tsx';
import { PromoteDialog } from './PromoteDialog.tsx';
import { ShadowReportView } from './ShadowReportView.tsx';

const PERIODS = [
  { key: '', label: 'The whole run', hours: 0 },
  { key: '24h', label: 'Last 24 hours', hours: 24 },
  { key: '7d', label: 'Last 7 days', hours: 24 * 7 },
] as const;

const When = ({ iso }: { iso: string }) => <span title={fullTime(iso)}>{relativeTime(iso)}</span>;

/** A candidate run beside the live version on real traffic: choose it, read the report, stop or promote it. */
export function ShadowPage({ id }: { id: string }) {
  const notify = useStudio((s) => s.notify);
  const [name, setName] = useState(id);
  const [live, setLive] = useState<number | null>(null);
  const [state, setState] = useState<ChallengerState | null>(null);
  const [report, setReport] = useState<ShadowReport | null>(null);
  const [period, setPeriod] = useState<(typeof PERIODS)[number]['key']>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [promoting, setPromoting] = useState(false);
  const uid = useId();

  const load = useCallback(async () => {
    try {
      const record = await runtime.get(id);
      setName(record.name);
      setLive(record.liveVersion);
      setState(await shadow.state(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  const running = state?.challenger ?? null;
  // The running challenger's report, else the last stopped one's: stopping keeps what it showed.
  const reported = running ?? state?.past[0] ?? null;
  const reportedId = reported?.id;
  const loadReport = useCallback(async () => {
    if (!reportedId) return setReport(null);
    const hours = PERIODS.find((p) => p.key === period)?.hours ?? 0;
    try {
      setReport(
        await shadow.report(id, {
          challenger: reportedId,
          since: hours ? new Date(Date.now() - hours * 3600_000).toISOString() : undefined,
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, reportedId, period]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void loadReport();
  }, [loadReport]);

  const stop = async () => {
    setBusy(true);
    try {
      setState(await shadow.stop(id));
      notify('info', 'The shadow run is stopped; its report stays here.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const started = (next: ChallengerState) => {
    setReplacing(false);
    setState(next);
  };

  const summary = report?.evaluations
    ? `${fmtRate(report.agreementRate)} agreement over ${fmtCount(report.evaluations)} live evaluations.`
    : 'no live evaluation compared yet.';

  return (
    <div className="qs-page qs-shadow-page">
      <header className="qs-page-head">
        <div>
          <Link href={pathFor({ page: 'editor', id })} className="qs-back">
            ← {name}
          </Link>
          <h1>Shadow run</h1>
          <p className="qs-hint">
            A challenger sees every lead the live version qualifies and decides too, without any effect: no
            assignment, no stage kept, no webhook. The report shows where the two disagree.
          </p>
        </div>
      </header>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {!state && !error && <p className="qs-hint">Loading…</p>}
      {state && !running && (
        <section className="qs-section qs-challenger" aria-label="Start a shadow run">
          <p>
            <strong>No challenger is running.</strong>{' '}
            {live === null
              ? 'Publish a version first: a challenger runs beside the live version.'
              : `Choose one to run beside live version ${live}.`}
          </p>
          {live !== null && <ChallengerPicker id={id} replacing={false} onStarted={started} />}
        </section>
      )}
      {running && (
        <section className="qs-section qs-challenger" aria-label="Challenger" data-testid="challenger">
          <p>
            <strong>{running.label}</strong> runs in the shadow of{' '}
            {live === null ? 'the live version' : `live version ${live}`}, started by {running.startedBy}{' '}
            <When iso={running.startedAt} />.
          </p>
          <div className="qs-row">
            <button type="button" className="qs-btn" disabled={busy} onClick={stop}>
              Stop the shadow run
            </button>
            <button type="button" className="qs-btn" onClick={() => setReplacing((r) => !r)}>
              Choose another…
            </button>
            <button type="button" className="qs-btn is-primary" onClick={() => setPromoting(true)}>
              Promote…
            </button>
          </div>
          {replacing && <ChallengerPicker id={id} replacing onStarted={started} />}
        </section>
      )}
      {reported && (
        <section className="qs-section" aria-labelledby={`${uid}-report`}>
          <header className="qs-row">
            <h2 id={`${uid}-report`}>{running ? 'Report' : `Report of the last run: ${reported.label}`}</h2>
            <span className="qs-grow" />
            <label htmlFor={`${uid}-period`} className="qs-label">
              Period
            </label>
            <select
              id={`${uid}-period`}
              className="qs-input"
              value={period}
              onChange={(e) => setPeriod(e.target.value as typeof period)}
            >
              {PERIODS.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
            <button type="button" className="qs-btn" onClick={() => void loadReport()}>
              Refresh
            </button>
          </header>
          {!running && 'stoppedAt' in reported && (
            <p className="qs-hint">
              Stopped by {reported.stoppedBy} <When iso={reported.stoppedAt} />.
            </p>
          )}
          {report ? (
            <ShadowReportView report={report} challenger={reported.label} />
          ) : (
            <p className="qs-hint">Loading the report…</p>
          )}
        </section>
      )}
      {promoting && running && (
        <PromoteDialog
          id={id}
          challenger={running}
          summary={summary}
          onClose={() => setPromoting(false)}
          onPromoted={(message) => {
            setPromoting(false);
            notify('info', message);
            void load();
          }}
        />
      )}
    </div>
  );
}
