import { useId } from 'react';
import type { Schedule } from '../api/team.ts';
import { ListInput } from '../ui/inputs.tsx';
import { WEEKDAY_NAMES, WEEKDAYS } from './pool-form.ts';

const MIDNIGHT = '24:00';

/** The zone list once per page: the datalist every schedule form points at. */
export function TimeZoneList({ id, zones }: { id: string; zones: readonly string[] }) {
  return (
    <datalist id={id}>
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

/** Time zone, working days, hours and days off: for a pool, or a rep's own hours. */
export function ScheduleFields(props: {
  value: Schedule;
  onChange: (s: Schedule) => void;
  /** Names whose hours these are in every label ("Pool", "Ann's own"), so screen readers can tell them apart. */
  who: string;
  zoneListId: string;
  /** False for a rep's own hours: the rep's days off are edited beside them. */
  daysOff?: boolean;
}) {
  const { value: s, onChange, who, zoneListId } = props;
  const id = useId();
  const set = (patch: Partial<Schedule>) => onChange({ ...s, ...patch });
  return (
    <div className="qs-schedule">
      <div className="qs-form-row">
        <label htmlFor={`${id}-zone`}>{who} time zone</label>
        <input
          id={`${id}-zone`}
          className="qs-input"
          list={zoneListId}
          value={s.timeZone}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => set({ timeZone: e.target.value })}
        />
        <small className="qs-hint">Type to search, e.g. Europe/Berlin or America/New_York.</small>
      </div>
      <fieldset className="qs-days">
        <legend>{who} working days</legend>
        {WEEKDAYS.map((d) => (
          <label key={d} className="qs-check">
            <input
              type="checkbox"
              checked={s.days.includes(d)}
              aria-label={`${who}: ${WEEKDAY_NAMES[d]}`}
              onChange={(e) =>
                set({ days: e.target.checked ? [...s.days, d] : s.days.filter((x) => x !== d) })
              }
            />
            {WEEKDAY_NAMES[d].slice(0, 3)}
          </label>
        ))}
      </fieldset>
      <div className="qs-form-grid">
        <div className="qs-form-row">
          <label htmlFor={`${id}-start`}>{who} day starts</label>
          <input
            id={`${id}-start`}
            type="time"
            className="qs-input"
            value={s.start}
            onChange={(e) => set({ start: e.target.value })}
          />
        </div>
        <div className="qs-form-row">
          <label htmlFor={`${id}-end`}>{who} day ends</label>
          {/* A time input cannot hold 24:00, the end of a day that runs round the clock: a box says it instead. */}
          <input
            id={`${id}-end`}
            type="time"
            className="qs-input"
            value={s.end === MIDNIGHT ? '' : s.end}
            disabled={s.end === MIDNIGHT}
            onChange={(e) => set({ end: e.target.value })}
          />
          <label className="qs-check">
            <input
              type="checkbox"
              checked={s.end === MIDNIGHT}
              onChange={(e) => set({ end: e.target.checked ? MIDNIGHT : '17:00' })}
            />
            {who}: until midnight (24:00)
          </label>
        </div>
      </div>
      {props.daysOff !== false && (
        <div className="qs-form-row">
          <span className="qs-label">{who} days off</span>
          <ListInput
            label={`${who} days off`}
            value={s.daysOff}
            placeholder="2026-12-24, 2026-12-25"
            onChange={(daysOff) => set({ daysOff })}
          />
          <small className="qs-hint">
            Public holidays and closures, as dates in this time zone; the clock stops on them.
          </small>
        </div>
      )}
    </div>
  );
}
