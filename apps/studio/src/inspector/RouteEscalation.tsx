import { ESCALATION_ACTIONS } from '@qualify/rules';
import { NumberInput } from '../ui/inputs.tsx';
import {
  ACTION_TEXT,
  addStep,
  type Change,
  moveStep,
  outOfOrderSteps,
  removeStep,
  type SalesRoute,
  setStep,
} from './route-handoff.ts';

/** What happens as the first contact runs late: ordered steps, each some working hours past due. */
export function RouteEscalation({ data, onChange }: { data: SalesRoute; onChange: Change<SalesRoute> }) {
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
