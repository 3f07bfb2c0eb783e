import { useCallback, useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Challenger, type ShadowReport, shadow } from '../api/shadow.ts';
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
  { key: '', label: 'Since it started', hours: 0 },
  { key: '24h', label: 'Last 24 hours', hours: 24 },
  { key: '7d', label: 'Last 7 days', hours: 24 * 7 },
] as const;

/** A candidate run beside the live version on real traffic: choose it, read the report, stop or promote it. */
export function ShadowPage({ id }: { id: string }) {
  const notify = useStudio((s) => s.notify);
  const [name, setName] = useState(id);
  const [live, setLive] = useState<number | null>(null);
  const [challenger, setChallenger] = useState<Challenger | null | undefined>(undefined);
  const [report, setReport] = useState<ShadowReport | null>(null);
  const [period, setPeriod] = useState<(typeof PERIODS)[number]['key']>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [promoting, setPromoting] = useState(false);
  const uid = useId();

  const loadChallenger = useCallback(async () => {
    try {
      const record = await runtime.get(id);
      setName(record.name);
      setLive(record.liveVersion);
      setChallenger(await shadow.challenger(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  const loadReport = useCallback(async () => {
    if (!challenger) return setReport(null);
    const hours = PERIODS.find((p) => p.key === period)?.hours ?? 0;
    try {
      setReport(
        await shadow.report(id, {
          challenger: challenger.id,
          since: hours ? new Date(Date.now() - hours * 3600_000).toISOString() : undefined,
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, challenger, period]);

  useEffect(() => {
    void loadChallenger();
  }, [loadChallenger]);
  useEffect(() => {
    void loadReport();
  }, [loadReport]);

  const stop = async () => {
    setBusy(true);
    try {
      await shadow.stop(id);
      notify('info', 'The shadow run is stopped; its report stays in the log.');
      await loadChallenger();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const summary = report
    ? `${fmtRate(report.agreementRate)} agreement over ${fmtCount(report.evaluations)} live evaluations.`
    : '';

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
      {challenger === undefined && !error && <p className="qs-hint">Loading…</p>}
      {challenger === null && (
        <section className="qs-section" aria-label="Start a shadow run">
          <p>
            <strong>No challenger is running.</strong>{' '}
            {live === null
              ? 'Publish a version first: a challenger runs beside the live version.'
              : `Choose one to run beside live version ${live}.`}
          </p>
          {live !== null && (
            <ChallengerPicker id={id} replacing={false} onStarted={() => void loadChallenger()} />
          )}
        </section>
      )}
      {challenger && (
        <>
          <section className="qs-section qs-challenger" aria-label="Challenger" data-testid="challenger">
            <p>
              <strong>{challenger.label}</strong> runs in the shadow of{' '}
              {live === null ? 'the live version' : `live version ${live}`}, started by {challenger.startedBy}{' '}
              <span title={fullTime(challenger.startedAt)}>{relativeTime(challenger.startedAt)}</span>.
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
            {replacing && (
              <ChallengerPicker
                id={id}
                replacing
                onStarted={() => {
                  setReplacing(false);
                  void loadChallenger();
                }}
              />
            )}
          </section>
          <section className="qs-section" aria-labelledby={`${uid}-report`}>
            <header className="qs-row">
              <h2 id={`${uid}-report`}>Report</h2>
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
            {report ? (
              <ShadowReportView report={report} challenger={challenger.label} />
            ) : (
              <p className="qs-hint">Loading the report…</p>
            )}
          </section>
          {promoting && (
            <PromoteDialog
              id={id}
              challenger={challenger}
              summary={summary}
              onClose={() => setPromoting(false)}
              onPromoted={(message) => {
                setPromoting(false);
                notify('info', message);
                void loadChallenger();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
