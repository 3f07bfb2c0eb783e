import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bandLabel } from '../backtest/breakdown.ts';
import { KEPT_ROWS } from '../backtest/scan-file.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor } from '../routing/router.ts';
import { useStudio } from '../store/studio-store.ts';
import { DistributionTables } from './DistributionTables.tsx';
import { routeRows } from './rows.ts';
import { BAND, bandStarts, isEvaluated, SCORE_KINDS, type ScoreKind } from './tally.ts';
import { type DistributionSource, type DistributionState, useDistribution } from './use-distribution.ts';

const OPEN_KEY = 'qs-distribution-open';
const SOURCE_KEY = 'qs-distribution-source';
const SOURCES: { source: DistributionSource; label: string }[] = [
  { source: 'sample', label: 'Sample leads' },
  { source: 'file', label: 'Last backtest file' },
];

/** Why there is nothing to count yet, for the source chosen. */
function Empty({ source, state }: { source: DistributionSource; state: DistributionState }) {
  const id = useStudio((s) => s.meta?.id);
  const { file } = state;
  if (source === 'file' && !file)
    return <p className="qs-hint">Nothing to count in {state.sample.source}.</p>;
  if (!file) {
    return (
      <p className="qs-empty-rules">
        <strong>No sample leads</strong>: add test cases or sample leads, and this shows how the draft's
        scores and routes fall over them as you edit. (Run a lead in the Test tab and save it as a test case.)
      </p>
    );
  }
  if (file.status === 'reading') return <p className="qs-hint">Reading {file.name}…</p>;
  if (file.status === 'error') return <p className="qs-callout is-warning">{file.message}</p>;
  return (
    <p className="qs-empty-rules" data-testid="distribution-no-file">
      <strong>No backtest file loaded</strong>: load a file of past leads on the{' '}
      {id ? <Link href={pathFor({ page: 'backtest', id })}>Backtest</Link> : 'Backtest'} page, and this counts
      its rows (up to {KEPT_ROWS.toLocaleString('en')}) as you edit.
    </p>
  );
}
const DRAFT_COLOR = '#16a34a';
const LIVE_COLOR = '#cbd5e1';
const KIND_NAMES: Record<ScoreKind, string> = { total: 'Total', fit: 'Fit', engagement: 'Engagement' };

/**
 * A score step's preview of the draft over the sample leads: a histogram of scores and leads per route,
 * with the live version's as grey bars beside the draft's, moving as the rules change.
 */
export function ScoreDistribution() {
  const [source, setSource] = useState<DistributionSource>(() =>
    localStorage.getItem(SOURCE_KEY) === 'file' ? 'file' : 'sample',
  );
  const state = useDistribution(source);
  const { sample, draft, live, pending } = state;
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) !== 'closed');
  const [kind, setKind] = useState<ScoreKind>('total');
  const d = isEvaluated(draft) ? draft : null;
  const l = isEvaluated(live) ? live : null;
  const bands = bandStarts(d?.bands[kind], l?.bands[kind]).map((from) => ({
    band: bandLabel(from, from + BAND),
    from,
    Draft: d?.bands[kind].get(from) ?? 0,
    ...(l ? { Live: l.bands[kind].get(from) ?? 0 } : {}),
  }));
  const routes = routeRows(d, l);

  return (
    <details
      className="qs-distribution"
      open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        setOpen(now);
        localStorage.setItem(OPEN_KEY, now ? 'open' : 'closed');
      }}
    >
      <summary>
        Distribution{' '}
        {sample.leads.length > 0 && <span className="qs-muted">over {sample.leads.length} leads</span>}
      </summary>
      <section aria-label="Distribution" aria-busy={pending} data-testid="distribution">
        <fieldset className="qs-segmented qs-dist-kind" aria-label="Leads counted">
          {SOURCES.map((s) => (
            <button
              key={s.source}
              type="button"
              aria-pressed={source === s.source}
              onClick={() => {
                setSource(s.source);
                localStorage.setItem(SOURCE_KEY, s.source);
              }}
            >
              {s.label}
            </button>
          ))}
        </fieldset>
        {sample.leads.length === 0 ? (
          <Empty source={source} state={state} />
        ) : (
          <>
            <p className="qs-hint">
              The draft over {sample.source}
              {l ? ', beside the live version (grey)' : ''}. {pending ? 'Updating…' : ''}
            </p>
            {draft && !d && (
              <p className="qs-callout is-warning">The draft {(draft as { error: string }).error}</p>
            )}
            <fieldset className="qs-segmented qs-dist-kind" aria-label="Score">
              {SCORE_KINDS.map((k) => (
                <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
                  {KIND_NAMES[k]}
                </button>
              ))}
            </fieldset>
            <figure className="qs-dist-figure" data-testid="distribution-histogram">
              <figcaption className="qs-sr">
                Leads per band of {BAND} points of the {kind} score
              </figcaption>
              <ResponsiveContainer width="100%" height={180}>
                <BarChart data={bands} margin={{ top: 6, right: 6, bottom: 0, left: -20 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis
                    dataKey="band"
                    interval={0}
                    angle={-40}
                    textAnchor="end"
                    height={50}
                    tick={{ fontSize: 10 }}
                  />
                  <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
                  <Tooltip />
                  {l && <Legend itemSorter={null} />}
                  {l && <Bar dataKey="Live" fill={LIVE_COLOR} isAnimationActive={false} />}
                  <Bar dataKey="Draft" fill={DRAFT_COLOR} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <figure className="qs-dist-figure" data-testid="distribution-routes">
              <figcaption className="qs-sr">Leads per route</figcaption>
              <ResponsiveContainer width="100%" height={36 + routes.length * 34}>
                <BarChart data={routes} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                  <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} />
                  <Tooltip />
                  {l && <Bar dataKey="Live" fill={LIVE_COLOR} isAnimationActive={false} />}
                  <Bar dataKey="Draft" fill={DRAFT_COLOR} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <DistributionTables
              kind={KIND_NAMES[kind]}
              bands={bands}
              routes={routes}
              live={l !== null}
              grades={{ draft: d?.grades ?? null, live: l?.grades ?? null }}
            />
          </>
        )}
      </section>
    </details>
  );
}
