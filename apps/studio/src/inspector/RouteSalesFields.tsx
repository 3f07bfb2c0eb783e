import type { FieldCatalogue } from '@qualify/rules';
import { FormRow, NumberInput } from '../ui/inputs.tsx';
import { RouteAssignment } from './RouteAssignment.tsx';
import { RouteEscalation } from './RouteEscalation.tsx';
import { type Change, type SalesRoute, setSlaOption } from './route-handoff.ts';

/** A sales route: queue, priority and SLA, then who gets the lead and what happens when contact is late. */
export function RouteSalesFields({
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
      <RouteAssignment data={data} fields={fields} onChange={onChange} />
      <RouteEscalation data={data} onChange={onChange} />
    </>
  );
}
