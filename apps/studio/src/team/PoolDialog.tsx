import { useId, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { type Pool, team } from '../api/team.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import {
  draftOf,
  emptyPool,
  type PoolDraft,
  poolIdFrom,
  poolProblems,
  timeZones,
  toPoolInput,
} from './pool-form.ts';
import { RepsTable } from './RepsTable.tsx';
import { ScheduleFields, TimeZoneList } from './ScheduleFields.tsx';

/** A save that lost a race: someone stored the pool after this form opened. */
interface Conflict {
  current: number | null;
}

/** Creates a pool (`pool` undefined) or edits one; Enter saves, Escape closes. */
export function PoolDialog(props: {
  pool?: Pool;
  takenIds: readonly string[];
  onClose: () => void;
  onSaved: (pool: Pool) => void;
}) {
  const creating = !props.pool;
  const [draft, setDraft] = useState<PoolDraft>(() => (props.pool ? draftOf(props.pool) : emptyPool()));
  // The id follows the name until someone types an id of their own.
  const [idTouched, setIdTouched] = useState(!creating);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const zones = useMemo(timeZones, []);
  const zoneListId = useId();
  const id = useId();

  const problems = poolProblems(draft, zones);
  if (creating && draft.id && props.takenIds.includes(draft.id))
    problems.push(`A pool with the id ${draft.id} exists already: choose another id, or edit that pool.`);
  const set = (patch: Partial<PoolDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async (d: PoolDraft) => {
    setTried(true);
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await team.put(toPoolInput(d)));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'revision_conflict') {
        const current = err.problem.currentRevision;
        setConflict({ current: typeof current === 'number' ? current : null });
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  /** Their version replaces the form. */
  const reload = async () => {
    try {
      setDraft(draftOf(await team.pool(draft.id)));
      setConflict(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  /** Mine replaces theirs: saved against the revision now stored. */
  const overwrite = async () => {
    try {
      const current = conflict?.current ?? (await team.pool(draft.id)).revision;
      setConflict(null);
      // 0: it was deleted meanwhile; saving without a revision creates it again.
      await save({ ...draft, revision: current || undefined });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Dialog open title={creating ? 'New pool' : `Edit ${props.pool?.name}`} onClose={props.onClose} wide>
      <form
        className="qs-pool-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <TimeZoneList id={zoneListId} zones={zones} />
        <div className="qs-form-grid">
          <div className="qs-form-row">
            <label htmlFor={`${id}-name`}>Pool name</label>
            <input
              id={`${id}-name`}
              className="qs-input"
              value={draft.name}
              placeholder="e.g. EMEA AEs"
              autoFocus
              onChange={(e) =>
                set({ name: e.target.value, ...(idTouched ? {} : { id: poolIdFrom(e.target.value) }) })
              }
            />
          </div>
          <div className="qs-form-row">
            <label htmlFor={`${id}-id`}>Pool id</label>
            <input
              id={`${id}-id`}
              className="qs-input qs-mono"
              value={draft.id}
              readOnly={!creating}
              spellCheck={false}
              onChange={(e) => {
                setIdTouched(true);
                set({ id: e.target.value });
              }}
            />
            <small className="qs-hint">
              {creating
                ? 'What a sales route names; it cannot change once the pool is saved.'
                : 'Sales routes name the pool by this id.'}
            </small>
          </div>
        </div>
        <div className="qs-form-row">
          <label htmlFor={`${id}-manager`}>Manager e-mail</label>
          <input
            id={`${id}-manager`}
            type="email"
            className="qs-input"
            value={draft.managerEmail}
            placeholder="optional: who hears about escalations"
            onChange={(e) => set({ managerEmail: e.target.value })}
          />
        </div>
        <fieldset className="qs-fieldset">
          <legend>Working hours</legend>
          <p className="qs-hint">The SLA clock runs only in these hours (each rep's own hours, where set).</p>
          <ScheduleFields
            who="Pool"
            zoneListId={zoneListId}
            value={draft.schedule}
            onChange={(schedule) => set({ schedule })}
          />
        </fieldset>
        <fieldset className="qs-fieldset">
          <legend>Reps</legend>
          <p className="qs-hint">
            Leads go to active reps in turn, more often to a higher weight; a rep at the daily cap or on a day
            off is skipped.
          </p>
          <RepsTable
            reps={draft.reps}
            onChange={(reps) => set({ reps })}
            poolZone={draft.schedule.timeZone}
            zoneListId={zoneListId}
          />
        </fieldset>
        {tried && problems.length > 0 && (
          <div className="qs-callout is-warning" role="alert">
            <p>
              <strong>Not saved yet:</strong>
            </p>
            <ul className="qs-list is-warning">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {conflict && (
          <div className="qs-callout is-warning" role="alert" data-testid="pool-conflict">
            {conflict.current === 0 ? (
              <p>
                Someone deleted this pool while you were editing it. Your changes are not saved: save them to
                create the pool again, or cancel.
              </p>
            ) : (
              <p>
                Someone else saved this pool while you were editing it
                {conflict.current != null ? ` (it is now at revision ${conflict.current})` : ''}. Your changes
                are not saved. Reload to see their version and make your change again, or save yours over
                theirs.
              </p>
            )}
            <div className="qs-row">
              {conflict.current !== 0 && (
                <button type="button" className="qs-btn" onClick={reload}>
                  Reload their version
                </button>
              )}
              <button type="button" className="qs-btn is-danger" onClick={overwrite}>
                {conflict.current === 0 ? 'Create it again with my changes' : 'Save mine over theirs'}
              </button>
            </div>
          </div>
        )}
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot
          onCancel={props.onClose}
          submit={creating ? 'Create pool' : 'Save pool'}
          disabled={busy}
        />
      </form>
    </Dialog>
  );
}
