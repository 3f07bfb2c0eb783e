import type { Team } from '../api/use-team.ts';
import { type SalesRoute, salesSide } from './sales-side.ts';

/** The sales side of one sales route: who gets the lead, in which hours, what they commit to, and escalation. */
export function SalesSideBlock({ route, team }: { route: SalesRoute; team: Team }) {
  const s = salesSide(route, team);
  return (
    <div className="qs-sales-side" data-testid="sales-side">
      <dl className="qs-dl">
        <dt>Who gets the lead</dt>
        <dd>
          {s.assignment}
          {s.stickiness && <span className="qs-hint"> {s.stickiness}</span>}
          {s.fallback && <span className="qs-hint"> {s.fallback}</span>}
        </dd>
        <dt>Working hours</dt>
        <dd className={s.clock === 'unknown' ? 'qs-warn-text' : undefined} data-testid="working-hours">
          {s.workingHours}
        </dd>
        <dt>Priority</dt>
        <dd>{route.priority}</dd>
      </dl>
      <h4>Sales commits to</h4>
      <ul className="qs-list qs-commitments">
        {s.commitments.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <h4>When the first touch is late</h4>
      {s.escalation.length ? (
        <ol className="qs-list">
          {s.escalation.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered chain; two may read alike
            <li key={i}>{e}</li>
          ))}
        </ol>
      ) : (
        <p className="qs-hint">No escalation: the SLA shows as breached on the SLA clock, nothing more.</p>
      )}
    </div>
  );
}
