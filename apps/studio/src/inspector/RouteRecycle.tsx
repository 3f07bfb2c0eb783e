import { STAGES } from '@qualify/rules';
import { FormRow } from '../ui/inputs.tsx';
import { type Change, type NurtureRoute, setRecycle } from './route-handoff.ts';

/** Going back is explicit: the route may return the lead to an earlier stage, with the reason. */
export function RouteRecycle({ data, onChange }: { data: NurtureRoute; onChange: Change<NurtureRoute> }) {
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
