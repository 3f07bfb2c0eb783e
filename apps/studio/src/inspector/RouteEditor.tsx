import {
  ASSIGN_METHODS,
  describeSchedule,
  ESCALATION_ACTIONS,
  type FieldCatalogue,
  STAGES,
} from '@qualify/rules';
import { usePools } from '../team/use-pools.ts';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';
import {
  ACTION_TEXT,
  addStep,
  moveStep,
  type NurtureRoute,
  outOfOrderSteps,
  removeStep,
  type SalesRoute,
  setAssign,
  setPool,
  setRecycle,
  setSlaOption,
  setStep,
} from './route-handoff.ts';

type RouteData = KindData<'route'>;
type Change<D> = (data: D, key?: string) => void;

const START: Record<RouteData['to'], RouteData> = {
  sales: { to: 'sales', queue: 'SDR team', priority: 'normal', sla: { firstContactHours: 24, touches: 3 } },
  nurture: { to: 'nurture', track: 'Nurture track' },
  disqualify: { to: 'disqualify', reason: 'No fit' },
};

/** An owner's CRM user id is text or a number (or one of a list); yes/no, dates and lists cannot hold one. */
const OWNER_FIELD_TYPES = new Set(['string', 'number', 'enum']);

const METHOD_TEXT: Record<(typeof ASSIGN_METHODS)[number], string> = {
  turn: 'By turn (round robin)',
  fewest: 'Fewest assigned today',
};

/** Who gets the lead: a pool of the team, how the rep is picked, and the account owner first. */
function Assignment({
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

/** What happens as the first contact runs late: ordered steps, each some working hours past due. */
function Escalation({ data, onChange }: { data: SalesRoute; onChange: Change<SalesRoute> }) {
  const steps = data.escalation ?? [];
  const late = new Set(outOfOrderSteps(steps));
  return (
    <section className="qs-route-section" aria-labelledby="route-escalation">
      <h3 id="route-escalation">When the first contact is late</h3>
      {steps.length === 0 && <p className="qs-hint">No escalation: a late lead is only marked breached.</p>}
      <ol className="qs-escalation" aria-label="Escalation steps">
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are a list in order, identified by place
          <li key={i} data-testid="escalation-step">
            <span>{i + 1}. After</span>
            <NumberInput
              label={`Step ${i + 1}: working hours after the due time`}
              className="qs-input qs-input-small"
              min={0}
              value={s.afterHours}
              onChange={(n) => onChange(setStep(data, i, { afterHours: n ?? 0 }), `esc-${i}-hours`)}
            />
            <span>h:</span>
            <select
              className="qs-input"
              aria-label={`Step ${i + 1}: action`}
              value={s.action}
              onChange={(e) =>
                onChange(setStep(data, i, { action: e.target.value as (typeof ESCALATION_ACTIONS)[number] }))
              }
            >
              {ESCALATION_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {ACTION_TEXT[a]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="qs-icon-btn"
              aria-label={`Move step ${i + 1} up`}
              disabled={i === 0}
              onClick={() => onChange(moveStep(data, i, -1))}
            >
              ↑
            </button>
            <button
              type="button"
              className="qs-icon-btn"
              aria-label={`Move step ${i + 1} down`}
              disabled={i === steps.length - 1}
              onClick={() => onChange(moveStep(data, i, 1))}
            >
              ↓
            </button>
            <button
              type="button"
              className="qs-icon-btn"
              aria-label={`Remove step ${i + 1}`}
              onClick={() => onChange(removeStep(data, i))}
            >
              ×
            </button>
            {late.has(i) && (
              <small className="qs-hint qs-late">
                Comes earlier than the step before it: steps run in time order.
              </small>
            )}
          </li>
        ))}
      </ol>
      {!data.assign && steps.some((s) => s.action !== 'remind_owner') && (
        <p className="qs-hint">Telling the manager and reassigning need a pool (Assignment above).</p>
      )}
      <button type="button" className="qs-btn" onClick={() => onChange(addStep(data))}>
        Add a step
      </button>
    </section>
  );
}

function SalesFields({
  data,
  fields,
  onChange,
}: {
  data: SalesRoute;
  fields: FieldCatalogue;
  onChange: Change<SalesRoute>;
}) {
  const unit = data.assign ? 'working hours' : 'hours';
  return (
    <>
      <FormRow
        label={data.assign ? 'Fallback queue' : 'Sales queue'}
        hint={
          data.assign
            ? 'Takes the lead when nobody in the pool is free (all at their cap, off, or inactive).'
            : 'The SDR or AE team that receives the lead.'
        }
      >
        {(id) => (
          <input
            id={id}
            className="qs-input"
            value={data.queue}
            onChange={(e) => onChange({ ...data, queue: e.target.value }, 'queue')}
          />
        )}
      </FormRow>
      <FormRow label="Priority">
        {(id) => (
          <select
            id={id}
            className="qs-input"
            value={data.priority}
            onChange={(e) => onChange({ ...data, priority: e.target.value as 'high' | 'normal' | 'low' })}
          >
            <option value="high">High</option>
            <option value="normal">Normal</option>
            <option value="low">Low</option>
          </select>
        )}
      </FormRow>
      <div className="qs-form-grid">
        <FormRow label={`First contact within (${unit})`} hint="The SLA sales commits to.">
          {() => (
            <NumberInput
              label={`First contact within (${unit})`}
              min={1}
              value={data.sla.firstContactHours}
              onChange={(n) =>
                onChange({ ...data, sla: { ...data.sla, firstContactHours: n ?? 0 } }, 'hours')
              }
            />
          )}
        </FormRow>
        <FormRow label="Touches">
          {() => (
            <NumberInput
              label="Touches"
              min={1}
              step={1}
              value={data.sla.touches}
              onChange={(n) => onChange({ ...data, sla: { ...data.sla, touches: n ?? 0 } }, 'touches')}
            />
          )}
        </FormRow>
        <FormRow
          label={`Accept within (${unit})`}
          hint="Sales accepts or rejects, with a reason. Empty: no commitment."
        >
          {() => (
            <NumberInput
              label={`Accept within (${unit})`}
              min={1}
              placeholder="none"
              value={data.sla.acceptWithinHours}
              onChange={(n) => onChange(setSlaOption(data, 'acceptWithinHours', n), 'accept')}
            />
          )}
        </FormRow>
        <FormRow label="Due-soon warning (hours before)" hint="Working hours before the due time; empty: 1.">
          {() => (
            <NumberInput
              label="Due-soon warning (hours before due)"
              min={0}
              placeholder="1"
              value={data.sla.dueSoonHours}
              onChange={(n) => onChange(setSlaOption(data, 'dueSoonHours', n), 'due-soon')}
            />
          )}
        </FormRow>
      </div>
      <Assignment data={data} fields={fields} onChange={onChange} />
      <Escalation data={data} onChange={onChange} />
    </>
  );
}

/** Going back is explicit: the route may return the lead to an earlier stage, with the reason. */
function Recycle({ data, onChange }: { data: NurtureRoute; onChange: Change<NurtureRoute> }) {
  const r = data.recycle;
  return (
    <section className="qs-route-section" aria-labelledby="route-recycle">
      <h3 id="route-recycle">Recycle</h3>
      <label className="qs-check">
        <input
          type="checkbox"
          checked={!!r}
          onChange={(e) =>
            onChange(
              setRecycle(data, e.target.checked ? { stage: 'MQL', reason: 'Sales rejected it' } : null),
            )
          }
        />
        Send the lead back to an earlier stage
      </label>
      <p className="qs-hint">
        Stages only move forward, except here: the lead gets this stage even when it is lower, its owner is
        released and its SLA closed. Put a condition before this route, such as the CRM's sales status being
        rejected.
      </p>
      {r && (
        <div className="qs-form-grid">
          <FormRow label="Back to stage">
            {(id) => (
              <select
                id={id}
                className="qs-input"
                value={r.stage}
                onChange={(e) =>
                  onChange(setRecycle(data, { ...r, stage: e.target.value as typeof r.stage }))
                }
              >
                {STAGES.filter((s) => s !== 'Disqualified').map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
          <FormRow label="Reason" hint="Shown in the receipt: “Recycled to MQL: …”.">
            {(id) => (
              <input
                id={id}
                className="qs-input"
                value={r.reason}
                onChange={(e) =>
                  onChange(setRecycle(data, { ...r, reason: e.target.value }), 'recycle-reason')
                }
              />
            )}
          </FormRow>
        </div>
      )}
    </section>
  );
}

/** Where a path ends: a sales queue with its SLA, assignment and escalation, a nurture track, or a disqualification reason. */
export function RouteEditor({ data, fields, onChange }: KindEditorProps<RouteData>) {
  return (
    <>
      <FormRow label="Send the lead to">
        {(id) => (
          <select
            id={id}
            className="qs-input"
            value={data.to}
            onChange={(e) => onChange(START[e.target.value as RouteData['to']])}
          >
            <option value="sales">Sales (hand-off with SLA)</option>
            <option value="nurture">Nurture (email / content track)</option>
            <option value="disqualify">Disqualify</option>
          </select>
        )}
      </FormRow>
      {data.to === 'sales' && <SalesFields data={data} fields={fields} onChange={onChange} />}
      {data.to === 'nurture' && (
        <>
          <FormRow label="Nurture track" hint="The email or content track that matures the lead.">
            {(id) => (
              <input
                id={id}
                className="qs-input"
                value={data.track}
                onChange={(e) => onChange({ ...data, track: e.target.value }, 'track')}
              />
            )}
          </FormRow>
          <Recycle data={data} onChange={onChange} />
        </>
      )}
      {data.to === 'disqualify' && (
        <FormRow label="Reason" hint="Kept in the database with minimal effort.">
          {(id) => (
            <input
              id={id}
              className="qs-input"
              value={data.reason}
              onChange={(e) => onChange({ ...data, reason: e.target.value }, 'reason')}
            />
          )}
        </FormRow>
      )}
    </>
  );
}
