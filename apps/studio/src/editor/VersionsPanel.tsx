import { migrateWorkflow, sameJson } from '@qualify/rules';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { VersionSummary } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';
import { CompareVersions } from '../review/CompareVersions.tsx';
import { useStudio } from '../store/studio-store.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { MakeLiveDialog } from './MakeLiveDialog.tsx';

/**
 * Published versions, newest first: who, when, why, who approved it, which is live; any older one can be
 * made live again (after confirming), any one restored into the draft (an undoable edit, saved as usual),
 * and any two (or one and the draft) compared.
 */
export function VersionsPanel() {
  const id = useStudio((s) => s.meta?.id);
  const live = useStudio((s) => s.meta?.liveVersion);
  const latest = useStudio((s) => s.meta?.latestVersion);
  const [items, setItems] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setItems(await runtime.versions(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a publish or make-live changes the record
  useEffect(() => {
    void load();
  }, [load, live, latest]);

  // The version's document replaces the draft through the one commit path: Undo brings the draft back, and
  // autosave stores it like any edit.
  const restore = async (n: number) => {
    if (!id) return;
    setRestoring(n);
    try {
      const version = await runtime.version(id, n);
      const s = useStudio.getState();
      if (!s.doc || s.meta?.id !== id) return;
      const doc = migrateWorkflow(version.workflow);
      // Keys in any order: a draft saved by an older studio may order them differently from the version.
      if (sameJson(doc, s.doc)) {
        s.notify('info', `The draft already is version ${n}.`);
        return;
      }
      s.commit(doc);
      s.notify('info', `Version ${n} is restored into the draft; Undo brings back the draft as it was.`);
    } catch (err) {
      useStudio.getState().notify('error', `Version ${n} could not be restored: ${errorMessage(err)}`);
    } finally {
      setRestoring(null);
    }
  };

  if (error)
    return (
      <p className="qs-error-text" role="alert">
        {error}
      </p>
    );
  if (!items) return <p className="qs-hint">Loading versions…</p>;
  if (!items.length) {
    return (
      <div className="qs-empty qs-empty-small">
        <p>
          <strong>Not published yet.</strong> Publish the draft to make version 1 live; every version stays
          here with who published it and why.
        </p>
      </div>
    );
  }
  return (
    <>
      <CompareVersions versions={items} />
      <ol className="qs-versions" aria-label="Versions">
        {items.map((v) => (
          <li key={v.number} className={v.live ? 'is-live' : ''}>
            <div className="qs-row">
              <strong>Version {v.number}</strong>
              {v.live && <span className="qs-chip is-live">Live</span>}
              <span className="qs-grow" />
              <button
                type="button"
                className="qs-btn"
                disabled={restoring !== null}
                onClick={() => void restore(v.number)}
              >
                {restoring === v.number ? 'Restoring…' : 'Restore into the draft'}
              </button>
              {!v.live && (
                <button type="button" className="qs-btn" onClick={() => setConfirming(v.number)}>
                  Make live…
                </button>
              )}
            </div>
            <p>{v.note || <em className="qs-hint">No note</em>}</p>
            <small className="qs-hint" title={fullTime(v.publishedAt)}>
              {v.publishedBy} · {relativeTime(v.publishedAt)}
              {v.approvedBy && ` · approved by ${v.approvedBy}`}
            </small>
          </li>
        ))}
      </ol>
      <MakeLiveDialog version={confirming} onClose={() => setConfirming(null)} />
    </>
  );
}
