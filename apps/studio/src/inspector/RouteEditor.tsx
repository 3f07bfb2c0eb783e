import { FormRow } from '../ui/inputs.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';
import { RouteRecycle } from './RouteRecycle.tsx';
import { RouteSalesFields } from './RouteSalesFields.tsx';

type RouteData = KindData<'route'>;

const START: Record<RouteData['to'], RouteData> = {
  sales: { to: 'sales', queue: 'SDR team', priority: 'normal', sla: { firstContactHours: 24, touches: 3 } },
  nurture: { to: 'nurture', track: 'Nurture track' },
  disqualify: { to: 'disqualify', reason: 'No fit' },
};

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
      {data.to === 'sales' && <RouteSalesFields data={data} fields={fields} onChange={onChange} />}
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
          <RouteRecycle data={data} onChange={onChange} />
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
