import { ASSIGN_METHODS, describeSchedule, type FieldCatalogue } from '@qualify/rules';
import { usePools } from '../team/use-pools.ts';
import { FormRow } from '../ui/inputs.tsx';
import { type Change, type SalesRoute, setAssign, setPool } from './route-handoff.ts';

/** An owner's CRM user id is text or a number (or one of a list); yes/no, dates and lists cannot hold one. */
const OWNER_FIELD_TYPES = new Set(['string', 'number', 'enum']);

const METHOD_TEXT: Record<(typeof ASSIGN_METHODS)[number], string> = {
  turn: 'By turn (round robin)',
  fewest: 'Fewest assigned today',
};

/** Who gets the lead: a pool of the team, how the rep is picked, and the account owner first. */
export function RouteAssignment({
  data,
  fields,
  onChange,
}: {
  data: SalesRoute;
  fields: FieldCatalogue;
  onChange: Change<SalesRoute>;
}) {
  const { pools, error, reload } = usePools();
  const assign = data.assign;
  const pool = pools?.find((p) => p.id === assign?.pool);
  const teamLink = (
    <a href="/team" target="_blank" rel="noopener">
      Team page
    </a>
  );
  return (
    <section className="qs-route-section" aria-labelledby="route-assign">
      <h3 id="route-assign">Assignment</h3>
      {error && (
        <p className="qs-error-text" role="alert">
          The pools could not be read: {error}
        </p>
      )}
      {pools && pools.length === 0 && !assign && (
        <div className="qs-callout" data-testid="no-pools">
          <p>
            No pools yet, so the queue above takes every lead. Create a pool of reps on the {teamLink} (opens
            in a new tab), then pick it here to give each lead an owner and count the SLA in working hours.
          </p>
          <button type="button" className="qs-link-btn" onClick={reload}>
            I've created one: look again
          </button>
        </div>
      )}
      {(assign || (pools && pools.length > 0)) && (
        <FormRow label="Pool" hint="The reps who get these leads, in turn. Pools are kept on the Team page.">
          {(id) => (
            <select
              id={id}
              className="qs-input"
              value={assign?.pool ?? ''}
              onChange={(e) => onChange(setPool(data, e.target.value || null))}
            >
              <option value="">No pool: the queue takes the lead</option>
              {assign && !pool && <option value={assign.pool}>{assign.pool} (not on the Team page)</option>}
              {(pools ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.reps.filter((r) => r.active).length} active reps)
                </option>
              ))}
            </select>
          )}
        </FormRow>
      )}
      {assign && pools && !pool && (
        <p className="qs-callout is-warning">
          There is no pool "{assign.pool}" on the {teamLink}: leads will go to the fallback queue until it
          exists.
        </p>
      )}
      {assign && (
        <>
          {pool && (
            <p className="qs-hint" data-testid="pool-hours">
              Working hours: {describeSchedule(pool.schedule)}. The SLA counts only these hours (a rep's own,
              where set).
            </p>
          )}
          <FormRow label="Pick the rep">
            {(id) => (
              <select
                id={id}
                className="qs-input"
                value={assign.method}
                onChange={(e) =>
                  onChange(setAssign(data, { method: e.target.value as (typeof ASSIGN_METHODS)[number] }))
                }
              >
                {ASSIGN_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {METHOD_TEXT[m]}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
          <FormRow
            label="Account owner field"
            hint="When the lead names its account's owner and that rep is in the pool and free, they get it."
          >
            {(id) => (
              <select
                id={id}
                className="qs-input"
                value={assign.ownerField ?? ''}
                onChange={(e) => onChange(setAssign(data, { ownerField: e.target.value || undefined }))}
              >
                <option value="">None: always by the method above</option>
                {assign.ownerField && !fields.some((f) => f.path === assign.ownerField) && (
                  <option value={assign.ownerField}>{assign.ownerField} (not in the catalogue)</option>
                )}
                {fields
                  .filter((f) => OWNER_FIELD_TYPES.has(f.type))
                  .map((f) => (
                    <option key={f.path} value={f.path}>
                      {f.label} ({f.path})
                    </option>
                  ))}
              </select>
            )}
          </FormRow>
        </>
      )}
    </section>
  );
}
