import { FormRow, NumberInput } from '../ui/inputs.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';

type RouteData = KindData<'route'>;

const START: Record<RouteData['to'], RouteData> = {
  sales: { to: 'sales', queue: 'SDR team', priority: 'normal', sla: { firstContactHours: 24, touches: 3 } },
  nurture: { to: 'nurture', track: 'Nurture track' },
  disqualify: { to: 'disqualify', reason: 'No fit' },
};

/** Where a path ends: a sales queue with its SLA, a nurture track, or a disqualification reason. */
export function RouteEditor({ data, onChange }: KindEditorProps<RouteData>) {
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
            <option value="disqualify">Disqualify / recycle</option>
          </select>
        )}
      </FormRow>
      {data.to === 'sales' && (
        <>
          <FormRow label="Sales queue" hint="The SDR or AE team that receives the lead.">
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
            <FormRow label="First contact within (hours)" hint="The SLA sales commits to.">
              {() => (
                <NumberInput
                  label="First contact within (hours)"
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
          </div>
        </>
      )}
      {data.to === 'nurture' && (
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
