import type { Contribution, Workflow } from '@qualify/rules';
import type { Team } from '../api/use-team.ts';
import { type ReceiptDecision, receiptHandoff } from './receipt-handoff.ts';

const ROUTE_NAMES = { sales: 'Sales', nurture: 'Nurture', disqualify: 'Disqualified' } as const;
const STATUS_NAMES = { met: 'met', not_met: 'not met', unknown: 'unknown' } as const;

const countText = (n: number) => `${n} ${n === 1 ? 'event' : 'events'} counted`;

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/** The time in the viewer's zone, or in `timeZone` (the team's) when given. */
function formatTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
}

function ScorePart(props: {
  title: string;
  items: Contribution[];
  subtotal: number;
  label: (id: string) => string;
}) {
  const { title, items, subtotal, label } = props;
  return (
    <tbody>
      <tr className="qs-score-group">
        <th scope="rowgroup" colSpan={2}>
          {title}
        </th>
        <td className="qs-num">{subtotal}</td>
      </tr>
      {items.length === 0 && (
        <tr>
          <td colSpan={3} className="qs-hint">
            No {title.toLowerCase()} points.
          </td>
        </tr>
      )}
      {items.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one rule can contribute twice (points and cap)
        <tr key={`${c.nodeId}-${c.ruleId}-${i}`}>
          <td>{c.label}</td>
          <td className="qs-hint">{label(c.nodeId)}</td>
          <td className={`qs-num ${c.points < 0 ? 'is-neg' : ''}`}>{signed(c.points)}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** The decision receipt: where the lead went and every reason why. */
export function Receipt({
  decision: d,
  doc,
  team,
}: {
  decision: ReceiptDecision;
  doc: Workflow;
  team: Team;
}) {
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const h = receiptHandoff(d, team);
  const fit = d.score.contributions.filter((c) => c.scoreType === 'fit');
  const engagement = d.score.contributions.filter((c) => c.scoreType === 'engagement');
  // Fit and engagement limits show as contributions; the total's limits change neither, so they show here.
  const totalHeld = (d.limits ?? []).filter((l) => l.score === 'total');
  return (
    <div className="qs-receipt" data-testid="receipt">
      <section className={`qs-route-box is-${d.route?.kind ?? 'none'}`}>
        <div>
          <small>Route</small>
          <strong data-testid="receipt-route">
            {d.route ? `${ROUTE_NAMES[d.route.kind]}: ${d.route.target}` : 'No route reached'}
          </strong>
          {d.route?.priority && <span className="qs-chip">{d.route.priority} priority</span>}
        </div>
        <div>
          <small>Stage</small>
          <strong data-testid="receipt-stage">{d.stage}</strong>
          {d.priorStage && d.priorStage !== d.stage && <span className="qs-hint">was {d.priorStage}</span>}
        </div>
      </section>
      {h.stageNote && (
        <p className={`qs-stage-note is-${h.stageNote.kind}`} role="status" data-testid="receipt-stage-note">
          {h.stageNote.text}
        </p>
      )}

      {(h.owner || d.sla) && (
        <section className="qs-receipt-sec">
          <h3>Hand-off</h3>
          {h.preview && (
            <p className="qs-handoff-preview" data-testid="receipt-preview">
              {h.preview}
            </p>
          )}
          {h.owner && (
            <>
              <p data-testid="receipt-owner">
                <small className="qs-hint">Owner </small>
                {h.owner.text}
              </p>
              {h.owner.why.length > 0 && (
                <ul className="qs-list" aria-label="Why this owner">
                  {h.owner.why.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
            </>
          )}
          {d.sla && h.due && (
            <p data-testid="receipt-sla">
              First contact within {h.due.within}, due <strong>{formatTime(h.due.at)}</strong>
              {h.due.zone && ` (${formatTime(h.due.at, h.due.zone)} in ${h.due.zone})`}{' '}
              <span className="qs-hint">({h.due.at})</span>, {d.sla.touches} touches.
              <br />
              <small className="qs-hint" data-testid="receipt-working-hours">
                Working hours: {h.due.hours}
              </small>
            </p>
          )}
        </section>
      )}

      <section className="qs-receipt-sec">
        <h3>
          Score <span data-testid="receipt-score">{d.score.total}</span>
          {d.grade && (
            <>
              {' · '}Grade <span data-testid="receipt-grade">{d.grade}</span>
            </>
          )}
        </h3>
        <table className="qs-table qs-score-table" aria-label="Score contributions">
          <ScorePart title="Fit" items={fit} subtotal={d.score.fit} label={label} />
          <ScorePart title="Engagement" items={engagement} subtotal={d.score.engagement} label={label} />
          <tfoot>
            {totalHeld.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one limit can hold the total after several steps
              <tr key={i} data-testid="receipt-total-limit">
                <td>
                  Total {l.limit === 'cap' ? 'capped at' : 'raised to the floor of'} {l.value} points
                </td>
                <td className="qs-hint">workflow limit, after {label(l.nodeId)}</td>
                <td className={`qs-num ${l.points < 0 ? 'is-neg' : ''}`}>{signed(l.points)}</td>
              </tr>
            ))}
            <tr className="qs-score-total">
              <th scope="row" colSpan={2}>
                Total (fit {d.score.fit} + engagement {d.score.engagement})
              </th>
              <td className="qs-num">{d.score.total}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      {d.gates.map((g) => (
        <section key={g.nodeId} className="qs-receipt-sec">
          <h3>
            {g.label} ({g.framework}):{' '}
            <span className={g.passed ? 'qs-ok' : 'qs-bad'}>{g.passed ? 'passed' : 'not passed'}</span>
          </h3>
          <ul className="qs-criteria">
            {g.criteria.map((c) => (
              <li key={c.id} className={`is-${c.status}`}>
                <span className="qs-status">{STATUS_NAMES[c.status]}</span> {c.label}
              </li>
            ))}
          </ul>
        </section>
      ))}

      {d.nextQuestions.length > 0 && (
        <section className="qs-receipt-sec">
          <h3>Ask next</h3>
          <ul className="qs-list">
            {d.nextQuestions.map((q) => (
              <li key={`${q.nodeId}-${q.criterionId}-${q.fields[0]}`}>{q.question}</li>
            ))}
          </ul>
        </section>
      )}

      <section className="qs-receipt-sec">
        <h3>Why</h3>
        <ol className="qs-list">
          {d.reasons.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: reasons are an ordered log
            <li key={i}>{r}</li>
          ))}
        </ol>
        {d.events && d.events.length > 0 && (
          <ul className="qs-list" aria-label="Events counted" data-testid="receipt-events">
            {d.events.map((e) => (
              <li key={`${e.nodeId}-${e.ruleId}-${e.text}`}>
                {e.label}: {e.count === null ? 'no events list on the lead' : countText(e.count)}{' '}
                <span className="qs-hint">({e.text})</span>
              </li>
            ))}
          </ul>
        )}
        <p className="qs-hint">Path: {d.path.map(label).join(' → ')}</p>
      </section>

      {d.dataIssues.length > 0 && (
        <section className="qs-receipt-sec">
          <h3>Data issues</h3>
          <ul className="qs-list is-warning">
            {d.dataIssues.map((x) => (
              <li key={`${x.field}-${x.code}`}>{x.message}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
