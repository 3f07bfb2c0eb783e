import { Fragment, useState } from 'react';
import { ListInput, NumberInput } from '../ui/inputs.tsx';
import { defaultSchedule, emptyRep, type RepDraft } from './pool-form.ts';
import { ScheduleFields } from './ScheduleFields.tsx';

/** The pool's reps as an editable table: one row per rep, own hours folded out below the row. */
export function RepsTable(props: {
  reps: RepDraft[];
  onChange: (reps: RepDraft[]) => void;
  poolZone: string;
  zoneListId: string;
}) {
  const { reps, onChange, poolZone, zoneListId } = props;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const set = (key: string, patch: Partial<RepDraft>) =>
    onChange(reps.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const who = (r: RepDraft, i: number) => r.name.trim() || `Rep ${i + 1}`;
  return (
    <div className="qs-reps">
      <table className="qs-table qs-reps-table">
        <caption className="qs-sr">Reps in this pool</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">CRM user id</th>
            <th scope="col" className="qs-num">
              Weight
            </th>
            <th scope="col" className="qs-num">
              Daily cap
            </th>
            <th scope="col">Active</th>
            <th scope="col">Days off, hours</th>
            <th scope="col" className="qs-num">
              Assigned today
            </th>
            <th scope="col">
              <span className="qs-sr">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reps.map((r, i) => (
            <Fragment key={r.key}>
              <tr data-testid="rep-row">
                <td>
                  <input
                    className="qs-input"
                    aria-label={`Rep ${i + 1} name`}
                    value={r.name}
                    onChange={(e) => set(r.key, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="qs-input"
                    type="email"
                    aria-label={`${who(r, i)} e-mail`}
                    value={r.email}
                    onChange={(e) => set(r.key, { email: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="qs-input qs-mono"
                    aria-label={`${who(r, i)} CRM user id`}
                    value={r.id}
                    spellCheck={false}
                    onChange={(e) => set(r.key, { id: e.target.value })}
                  />
                </td>
                <td className="qs-num">
                  <NumberInput
                    label={`${who(r, i)} weight`}
                    className="qs-input qs-input-small"
                    min={1}
                    max={100}
                    step={1}
                    value={r.weight}
                    onChange={(n) => set(r.key, { weight: n ?? 1 })}
                  />
                </td>
                <td className="qs-num">
                  <NumberInput
                    label={`${who(r, i)} daily cap`}
                    className="qs-input qs-input-small"
                    min={0}
                    step={1}
                    placeholder="none"
                    value={r.dailyCap}
                    onChange={(n) => set(r.key, { dailyCap: n })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${who(r, i)} active`}
                    checked={r.active}
                    onChange={(e) => set(r.key, { active: e.target.checked })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="qs-link-btn"
                    aria-expanded={open.has(r.key)}
                    aria-label={`${who(r, i)} days off and own hours`}
                    onClick={() => toggle(r.key)}
                  >
                    {[r.daysOff.length ? `${r.daysOff.length} off` : '', r.schedule ? 'own hours' : '']
                      .filter(Boolean)
                      .join(', ') || 'Pool hours'}{' '}
                    {open.has(r.key) ? '▴' : '▾'}
                  </button>
                </td>
                <td className="qs-num" data-testid="assigned-today">
                  {r.assignedToday}
                </td>
                <td>
                  <button
                    type="button"
                    className="qs-icon-btn"
                    aria-label={`Remove ${who(r, i)}`}
                    onClick={() => onChange(reps.filter((x) => x.key !== r.key))}
                  >
                    ×
                  </button>
                </td>
              </tr>
              {open.has(r.key) && (
                <tr className="qs-rep-hours">
                  <td colSpan={9}>
                    <div className="qs-form-row">
                      <span className="qs-label">{who(r, i)}'s days off</span>
                      <ListInput
                        label={`${who(r, i)} days off`}
                        value={r.daysOff}
                        placeholder="2026-08-03, 2026-08-04"
                        onChange={(daysOff) =>
                          set(r.key, {
                            daysOff,
                            ...(r.schedule ? { schedule: { ...r.schedule, daysOff } } : {}),
                          })
                        }
                      />
                      <small className="qs-hint">
                        Holidays and leave, as dates in the rep's zone: no leads that day.
                      </small>
                    </div>
                    <label className="qs-check">
                      <input
                        type="checkbox"
                        checked={!!r.schedule}
                        onChange={(e) =>
                          set(r.key, {
                            schedule: e.target.checked
                              ? { ...defaultSchedule(poolZone), daysOff: r.daysOff }
                              : undefined,
                          })
                        }
                      />
                      {who(r, i)} works own hours (else the pool's)
                    </label>
                    {r.schedule && (
                      <ScheduleFields
                        who={`${who(r, i)}'s own`}
                        zoneListId={zoneListId}
                        daysOff={false}
                        value={r.schedule}
                        onChange={(schedule) => set(r.key, { schedule: { ...schedule, daysOff: r.daysOff } })}
                      />
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {reps.length === 0 && (
        <p className="qs-hint">No reps yet: every lead routed here goes to the fallback queue.</p>
      )}
      <button type="button" className="qs-btn" onClick={() => onChange([...reps, emptyRep()])}>
        Add a rep
      </button>
    </div>
  );
}
