import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Move, ShadowReport } from '../api/shadow.ts';
import { VERSION_COLORS } from '../backtest/colors.ts';
import { fmtCount, fmtRate } from '../backtest/format.ts';

function MovesTable(props: {
  title: string;
  what: string;
  moves: Move[];
  evaluations: number;
  testId: string;
}) {
  const { moves, evaluations } = props;
  const moved = moves.reduce((n, m) => n + m.count, 0);
  return (
    <section className="qs-section" aria-label={props.title}>
      <h3>{props.title}</h3>
      {moves.length === 0 ? (
        <p className="qs-hint" data-testid={`${props.testId}-none`}>
          The challenger gives every one of the {fmtCount(evaluations)} leads the same {props.what}.
        </p>
      ) : (
        <>
          <p>
            <strong>{fmtCount(moved)}</strong> of {fmtCount(evaluations)} leads get another {props.what} from
            the challenger.
          </p>
          <table className="qs-table" data-testid={props.testId}>
            <thead>
              <tr>
                <th scope="col">Live says</th>
                <th scope="col">Challenger says</th>
                <th scope="col" className="qs-num">
                  Leads
                </th>
                <th scope="col">For example</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m) => (
                <tr key={`${m.from}→${m.to}`}>
                  <td>{m.from}</td>
                  <td>{m.to}</td>
                  <td className="qs-num">{fmtCount(m.count)}</td>
                  <td className="qs-mono">{m.examples.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Both score distributions in one chart: leads per score band, live beside the challenger. */
function ScoreChart({ report, challenger }: { report: ShadowReport; challenger: string }) {
  const data = report.scores.bins.map((b) => ({
    band: `${b.from}–${b.to}`,
    Live: b.live,
    [challenger]: b.challenger,
  }));
  return (
    <section className="qs-section" aria-label="Score distributions">
      <h3>Scores</h3>
      <p className="qs-hint">
        Leads per band of their total score, as the live version and the challenger scored them.
      </p>
      <figure className="qs-bt-figure" data-testid="shadow-scores">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="band" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend itemSorter={null} />
            <Bar dataKey="Live" fill={VERSION_COLORS[0]} isAnimationActive={false} />
            <Bar dataKey={challenger} fill={VERSION_COLORS[1]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}

/** What the challenger would have done differently: agreement, route and stage changes, scores. */
export function ShadowReportView({ report, challenger }: { report: ShadowReport; challenger: string }) {
  if (report.evaluations === 0) {
    return (
      <div className="qs-empty qs-empty-small" data-testid="shadow-empty">
        <p>
          <strong>No live evaluation in this period yet.</strong> Every lead the live version qualifies from
          now on is also run through the challenger, and compared here. Nothing the challenger decides is kept
          or sent anywhere.
        </p>
      </div>
    );
  }
  return (
    <>
      <dl className="qs-kpis" data-testid="shadow-kpis">
        <div className="qs-kpi">
          <dt>Evaluations</dt>
          <dd data-testid="shadow-evaluations">{fmtCount(report.evaluations)}</dd>
          <dd className="qs-kpi-why">live evaluations also run through the challenger</dd>
        </div>
        <div className="qs-kpi">
          <dt>Agreement</dt>
          <dd data-testid="shadow-agreement">{fmtRate(report.agreementRate)}</dd>
          <dd className="qs-kpi-why">
            {`${fmtCount(report.agreed)} of ${fmtCount(report.evaluations)} leads get the same route and stage from both`}
          </dd>
        </div>
      </dl>
      <MovesTable
        title="Route changes"
        what="route"
        moves={report.routeMoves}
        evaluations={report.evaluations}
        testId="shadow-route-moves"
      />
      <MovesTable
        title="Stage changes"
        what="stage"
        moves={report.stageMoves}
        evaluations={report.evaluations}
        testId="shadow-stage-moves"
      />
      <ScoreChart report={report} challenger={challenger} />
    </>
  );
}
