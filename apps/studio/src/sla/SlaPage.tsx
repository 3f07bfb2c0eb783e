import { describeScoring, describeWorkflow, type Workflow } from '@qualify/rules';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Version, Volume, WorkflowRecord } from '../api/types.ts';
import { type Team, useTeam } from '../api/use-team.ts';
import { runtime } from '../api/workflows.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor } from '../routing/router.ts';
import { useStudio } from '../store/studio-store.ts';
import { fullTime } from '../ui/time.ts';
import { groupByOutcome, type Outcome } from './group-by-outcome.ts';
import { SalesSideBlock } from './SalesSideBlock.tsx';
import { SignoffSection } from './SignoffSection.tsx';
import { signoffState } from './signoff-status.ts';
import { useSignoffs } from './use-signoffs.ts';
import { VolumeChart } from './VolumeChart.tsx';
import { type RouteVolumeView, routeVolume } from './volume-view.ts';

const KIND_TITLE = { sales: 'To sales', nurture: 'To nurture', disqualify: 'Disqualified' } as const;

function OutcomeCard({ o, team, volume }: { o: Outcome; team: Team; volume: RouteVolumeView }) {
  const r = o.route;
  const title = o.label || (r.to === 'sales' ? r.queue : r.to === 'nurture' ? r.track : r.reason);
  return (
    <article className={`qs-outcome is-${r.to}`} data-testid={`outcome-${o.nodeId}`}>
      <header>
        <span className="qs-chip">{KIND_TITLE[r.to]}</span>
        <h3>{title}</h3>
      </header>
      {r.to === 'sales' && <SalesSideBlock route={r} team={team} />}
      {r.to === 'nurture' && r.recycle && (
        <p className="qs-sla-line">
          Goes back to <strong>{r.recycle.stage}</strong> on purpose: {r.recycle.reason}.
        </p>
      )}
      <p>{o.text}</p>
      <h4>Expected volume</h4>
      <VolumeChart v={volume} label={title} />
      {o.paths.length === 0 ? (
        <p className="qs-hint">No lead can reach this route yet.</p>
      ) : (
        <>
          <h4>A lead goes here when</h4>
          {o.paths.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paths have no identity beyond their order
            <div key={i} className="qs-path">
              {i > 0 && <p className="qs-or">or when</p>}
              <ul className="qs-list">
                {p.when.length ? p.when.map((w) => <li key={w}>{w}</li>) : <li>always (every lead)</li>}
              </ul>
              <p className="qs-hint">The lead's stage is then {p.stage}.</p>
            </div>
          ))}
          {o.more > 0 && <p className="qs-hint">…and {o.more} more ways.</p>}
        </>
      )}
    </article>
  );
}

/** The workflow in plain language for sales leaders: outcomes with their SLA first, then every step. Printable. */
export function SlaPage({ id }: { id: string }) {
  const [record, setRecord] = useState<WorkflowRecord | null>(null);
  const [live, setLive] = useState<Version | null>(null);
  const [showDraft, setShowDraft] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const team = useTeam();
  const signoffs = useSignoffs(id);
  const [volume, setVolume] = useState<Volume | null>(null);
  // The session's last backtest of this workflow, for routes the decision log knows nothing about yet.
  const backtest = useStudio((s) => (s.lastBacktest?.workflowId === id ? s.lastBacktest : null));

  useEffect(() => {
    let on = true;
    runtime
      .volume(id)
      .then((v) => on && setVolume(v))
      .catch(() => on && setVolume(null));
    return () => {
      on = false;
    };
  }, [id]);

  useEffect(() => {
    let on = true;
    (async () => {
      const r = await runtime.get(id);
      const v = r.liveVersion != null ? await runtime.version(id, r.liveVersion) : null;
      if (!on) return;
      setRecord(r);
      setLive(v);
    })().catch((err) => on && setError(errorMessage(err)));
    return () => {
      on = false;
    };
  }, [id]);

  const doc: Workflow | null = showDraft || !live ? (record?.workflow ?? null) : live.workflow;
  const sentences = useMemo(() => (doc ? describeWorkflow(doc) : []), [doc]);
  const outcomes = useMemo(() => (doc ? groupByOutcome(doc) : []), [doc]);
  const scoring = useMemo(() => (doc ? describeScoring(doc) : []), [doc]);

  if (error) {
    return (
      <div className="qs-page">
        <p className="qs-error-text" role="alert">
          {error}
        </p>
        <Link href="/">Back to workflows</Link>
      </div>
    );
  }
  if (!record || !doc) return <div className="qs-loading">Loading…</div>;
  const onDraft = showDraft || !live;
  const agreed = signoffs.items ? signoffState(signoffs.items, record.liveVersion) : null;
  const fieldsByCat = (cat: string) => doc.fields.filter((f) => f.category === cat).map((f) => f.label);

  return (
    <div className="qs-page qs-sla-page">
      <nav className="qs-row qs-no-print" aria-label="SLA view actions">
        <Link href={pathFor({ page: 'editor', id })} className="qs-back">
          ← Back to the canvas
        </Link>
        <span className="qs-grow" />
        {live && (
          <label className="qs-check">
            <input type="checkbox" checked={showDraft} onChange={(e) => setShowDraft(e.target.checked)} />
            Show the current draft instead of the live version
          </label>
        )}
        <button type="button" className="qs-btn is-primary" onClick={() => window.print()}>
          Print
        </button>
      </nav>
      <header className="qs-sla-head">
        <p className="qs-eyebrow">Marketing → sales agreement</p>
        <h1>{doc.name}</h1>
        {doc.description && <p className="qs-lead">{doc.description}</p>}
        <p className="qs-hint">
          {onDraft
            ? live
              ? 'Current draft (not published yet).'
              : 'Draft: not published yet.'
            : `Version ${live?.number}, live, published by ${live?.publishedBy} on ${fullTime(live?.publishedAt ?? '')}${live?.note ? `: “${live.note}”` : '.'}`}
        </p>
        {agreed && (
          <p
            className={agreed.state === 'outdated' ? 'qs-signoff-warning' : 'qs-hint'}
            data-testid="signoff-summary"
          >
            {agreed.state === 'current' || agreed.state === 'ahead'
              ? `Agreed by ${agreed.newest.name} (${agreed.newest.title}) on ${fullTime(agreed.newest.at)}, to version ${agreed.newest.version}. `
              : ''}
            {agreed.state === 'current' ? '' : agreed.text}
          </p>
        )}
      </header>

      <section>
        <h2>Where leads go</h2>
        {outcomes.length === 0 && (
          <p className="qs-hint">No routes yet: add a Route step so leads end somewhere.</p>
        )}
        <div className="qs-outcomes">
          {outcomes.map((o) => (
            <OutcomeCard key={o.nodeId} o={o} team={team} volume={routeVolume(o.nodeId, volume, backtest)} />
          ))}
        </div>
      </section>

      <section>
        <h2>Step by step</h2>
        <ol className="qs-steps">
          {sentences.map((s) => (
            <li key={s.nodeId}>
              <p>{s.text}</p>
              {s.exits.length > 0 && <p className="qs-hint">{s.exits.join(' · ')}</p>}
            </li>
          ))}
        </ol>
      </section>

      {scoring.length > 0 && (
        <section aria-labelledby="qs-scoring-heading">
          <h2 id="qs-scoring-heading">How leads are scored</h2>
          <ul className="qs-list" data-testid="sla-scoring">
            {scoring.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </section>
      )}

      <section>
        <h2>What marketing records about each lead</h2>
        <dl className="qs-dl">
          <dt>Fit (who the lead is)</dt>
          <dd>{fieldsByCat('fit').join(', ') || '—'}</dd>
          <dt>Engagement (what the lead did)</dt>
          <dd>{fieldsByCat('engagement').join(', ') || '—'}</dd>
          <dt>Conversation (what a rep learned)</dt>
          <dd>{fieldsByCat('conversation').join(', ') || '—'}</dd>
        </dl>
        <p className="qs-hint">
          Review this agreement at least once a year, and whenever tactics stop working.
        </p>
      </section>

      <SignoffSection
        workflowId={id}
        liveVersion={record.liveVersion}
        latestVersion={record.latestVersion}
        items={signoffs.items}
        error={signoffs.error}
        onSigned={signoffs.added}
      />
    </div>
  );
}
