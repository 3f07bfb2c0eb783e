import { describeSchedule } from '@qualify/rules';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Pool, team } from '../api/team.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { fullTime, relativeTime } from '../ui/time.ts';
import { PoolDialog } from './PoolDialog.tsx';
import { forgetPools } from './use-pools.ts';

function DeletePool({
  pool,
  onClose,
  onDeleted,
}: {
  pool: Pool;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    try {
      await team.remove(pool.id);
      onDeleted();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog open title={`Delete ${pool.name}?`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void remove();
        }}
      >
        <p>
          The pool and its {pool.reps.length} rep{pool.reps.length === 1 ? '' : 's'} go, with their turn and
          today's counts. Leads already assigned keep their owner. A pool that a live workflow still routes to
          cannot be deleted: point those routes at another pool first.
        </p>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot onCancel={onClose} cancel="Keep it" submit="Delete pool" disabled={busy} danger />
      </form>
    </Dialog>
  );
}

/** The team sales routes assign to: pools of reps with their working hours. */
export function TeamPage() {
  const notify = useStudio((s) => s.notify);
  const [pools, setPools] = useState<Pool[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Pool | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Pool | null>(null);

  const load = useCallback(async () => {
    forgetPools();
    try {
      setPools((await team.pools()).sort((a, b) => a.name.localeCompare(b.name)));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const newButton = (
    <button type="button" className="qs-btn is-primary" onClick={() => setEditing('new')}>
      New pool
    </button>
  );

  return (
    <div className="qs-page qs-team-page">
      <header className="qs-page-head">
        <div>
          <h1>Team</h1>
          <p className="qs-hint">
            Pools of reps that sales routes assign leads to, with the working hours the SLA clock counts in.
          </p>
        </div>
        {pools && pools.length > 0 && newButton}
      </header>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {!pools && !error && <div className="qs-loading">Loading…</div>}
      {pools && pools.length === 0 && (
        <div className="qs-empty" data-testid="pools-empty">
          <h2>Start with a pool</h2>
          <p>
            No pools yet: a pool is the reps a sales route assigns to, in turn, within the pool's working
            hours. Create one, then pick it in a sales route's Assignment section. Until then, sales leads go
            to the route's queue.
          </p>
          {newButton}
        </div>
      )}
      {pools && pools.length > 0 && (
        <table className="qs-table qs-workflow-table" data-testid="pools">
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col">Working hours</th>
              <th scope="col">Reps</th>
              <th scope="col" className="qs-num">
                Assigned today
              </th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="qs-sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pools.map((p) => {
              const active = p.reps.filter((r) => r.active);
              return (
                <tr key={p.id} data-testid="pool-row">
                  <td>
                    <button type="button" className="qs-link-btn qs-wf-name" onClick={() => setEditing(p)}>
                      {p.name}
                    </button>
                    <p className="qs-wf-desc">
                      <code>{p.id}</code>
                      {p.managerEmail ? ` · manager ${p.managerEmail}` : ''}
                    </p>
                  </td>
                  <td>{describeSchedule(p.schedule)}</td>
                  <td>
                    {p.reps.length === 0
                      ? 'none (leads go to the fallback queue)'
                      : `${active.map((r) => r.name).join(', ') || 'none active'}${
                          active.length < p.reps.length ? ` (+${p.reps.length - active.length} inactive)` : ''
                        }`}
                  </td>
                  <td className="qs-num">{p.reps.reduce((n, r) => n + (r.assignedToday ?? 0), 0)}</td>
                  <td title={fullTime(p.updatedAt)}>{relativeTime(p.updatedAt)}</td>
                  <td className="qs-actions">
                    <button type="button" className="qs-link-btn" onClick={() => setEditing(p)}>
                      Edit<span className="qs-sr"> {p.name}</span>
                    </button>
                    <button type="button" className="qs-link-btn is-danger" onClick={() => setDeleting(p)}>
                      Delete<span className="qs-sr"> {p.name}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing && (
        <PoolDialog
          pool={editing === 'new' ? undefined : editing}
          takenIds={pools?.map((p) => p.id) ?? []}
          onClose={() => {
            setEditing(null);
            // Someone else may have changed the team meanwhile (a conflict says so): show it as it is now.
            void load();
          }}
          onSaved={(p) => {
            setEditing(null);
            notify('info', `Saved the pool "${p.name}".`);
            void load();
          }}
        />
      )}
      {deleting && (
        <DeletePool
          pool={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            notify('info', `Deleted the pool "${deleting.name}".`);
            setDeleting(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
