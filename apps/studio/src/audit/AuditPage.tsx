import { useEffect, useId, useState } from 'react';
import { type AuditAction, type AuditEntry, audit } from '../api/audit.ts';
import { errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor, replaceQuery, useQuery } from '../routing/router.ts';
import { Pager } from '../ui/Pager.tsx';
import { usePages } from '../ui/paging.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { ACTION_LABEL, actionFrom, WORKFLOW_ACTIONS } from './format.ts';

const PAGE_SIZE = 25;

/** Who did what to one workflow and when, newest first, by action and person (kept in the address). */
export function AuditPage({ id }: { id: string }) {
  const search = useQuery();
  const params = new URLSearchParams(search);
  const action = actionFrom(params.get('action'));
  const actor = params.get('actor') ?? '';
  const [person, setPerson] = useState(actor);
  const pages = usePages();
  const [page, setPage] = useState<{ items: AuditEntry[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(id);
  const [people, setPeople] = useState<string[]>([]);
  const uid = useId();

  useEffect(() => {
    runtime.get(id).then(
      (r) => setName(r.name),
      () => setName(id),
    );
  }, [id]);

  const cursor = pages.cursor;
  useEffect(() => {
    let on = true;
    setPage(null);
    audit
      .list({
        workflow: id,
        action: action || undefined,
        actor: actor || undefined,
        cursor,
        limit: PAGE_SIZE,
      })
      .then((p) => {
        if (!on) return;
        setPage(p);
        setError(null);
        // Everyone seen so far, so the person filter can offer their names.
        setPeople((seen) => [...new Set([...seen, ...p.items.map((e) => e.actor)])].sort());
      })
      .catch((err) => on && setError(errorMessage(err)));
    return () => {
      on = false;
    };
  }, [id, action, actor, cursor]);

  const setFilter = (patch: { action?: AuditAction | ''; actor?: string }) => {
    pages.reset();
    const next = { action, actor, ...patch };
    const q = new URLSearchParams();
    if (next.action) q.set('action', next.action);
    if (next.actor) q.set('actor', next.actor);
    replaceQuery(q);
  };
  const filtered = Boolean(action || actor);

  return (
    <div className="qs-page qs-audit-page">
      <header className="qs-page-head">
        <div>
          <Link href={pathFor({ page: 'editor', id })} className="qs-back">
            ← {name}
          </Link>
          <h1>Audit trail</h1>
          <p className="qs-hint">
            Every change to this workflow, who made it and when: saves, proposals and reviews, publishes, live
            versions, overridden tests and shadow runs. Nothing here can be edited or removed.
          </p>
        </div>
      </header>
      <form
        className="qs-row qs-audit-filters"
        aria-label="Filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ actor: person.trim() });
        }}
      >
        <label htmlFor={`${uid}-action`} className="qs-label">
          Action
        </label>
        <select
          id={`${uid}-action`}
          className="qs-input"
          value={action}
          onChange={(e) => setFilter({ action: actionFrom(e.target.value) })}
        >
          <option value="">Any</option>
          {WORKFLOW_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABEL[a]}
            </option>
          ))}
        </select>
        <label htmlFor={`${uid}-actor`} className="qs-label">
          Person
        </label>
        <input
          id={`${uid}-actor`}
          className="qs-input"
          list={`${uid}-people`}
          value={person}
          placeholder="Anyone"
          onChange={(e) => setPerson(e.target.value)}
          onBlur={() => person.trim() !== actor && setFilter({ actor: person.trim() })}
        />
        <datalist id={`${uid}-people`}>
          {people.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <button type="submit" className="qs-btn">
          Apply
        </button>
        {filtered && (
          <button
            type="button"
            className="qs-link-btn"
            onClick={() => {
              setPerson('');
              setFilter({ action: '', actor: '' });
            }}
          >
            Clear filters
          </button>
        )}
      </form>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {!page && !error && <p className="qs-hint">Loading the trail…</p>}
      {page && page.items.length === 0 && (
        <div className="qs-empty qs-empty-small" data-testid="audit-empty">
          {filtered ? (
            <p>
              <strong>Nothing matches these filters.</strong>{' '}
              {[action && `No "${ACTION_LABEL[action]}"`, actor && `by ${actor}`].filter(Boolean).join(' ')}{' '}
              is recorded for this workflow.
            </p>
          ) : (
            <p>
              <strong>Nothing recorded yet.</strong> Saves, proposals, publishes and other changes to this
              workflow appear here as they happen.
            </p>
          )}
        </div>
      )}
      {page && page.items.length > 0 && (
        <table className="qs-table qs-audit" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td title={fullTime(e.at)}>{relativeTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{ACTION_LABEL[e.action] ?? e.action}</td>
                <td>
                  {e.detail}
                  {typeof e.data?.reason === 'string' && <p className="qs-hint">Reason: {e.data.reason}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && (
        <Pager
          label="Audit trail"
          number={pages.number}
          nextCursor={page.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
    </div>
  );
}
