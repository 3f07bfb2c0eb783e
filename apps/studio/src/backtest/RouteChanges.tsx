import type { RouteChange, Workflow } from '@qualify/rules';
import { fmtCount, versionTitle } from './format.ts';
import { changeCause } from './tiers.ts';

/** Leads the second version routes differently from the first: from → to, how many, and which lines. */
export function RouteChanges(props: {
  changes: RouteChange[];
  names: [string, string];
  leads: number;
  compared: { before: Workflow; after: Workflow } | null;
  comparedError: string | null;
}) {
  const { changes, names, leads, compared, comparedError } = props;
  const moved = changes.reduce((n, c) => n + c.count, 0);
  const cause = changeCause(names, compared);
  const top = changes[0];
  return (
    <section className="qs-bt-section" aria-labelledby="bt-changes">
      <h2 id="bt-changes">Route changes</h2>
      {changes.length === 0 ? (
        <p data-testid="backtest-no-changes">
          {versionTitle(names[0])} and {versionTitle(names[1])} send every one of the {fmtCount(leads)} leads
          to the same route.
        </p>
      ) : (
        <>
          <p className="qs-bt-sentence" data-testid="backtest-change-summary">
            {cause} moves <strong>{fmtCount(moved)}</strong> of {fmtCount(leads)} leads to another route
            {top && (
              <>
                ; the most, <strong>{fmtCount(top.count)}</strong>, from {top.from} to {top.to}
              </>
            )}
            .
          </p>
          <table className="qs-table qs-bt-changes" data-testid="backtest-changes">
            <caption className="qs-sr">
              Route changes from {versionTitle(names[0])} to {versionTitle(names[1])}
            </caption>
            <thead>
              <tr>
                <th scope="col">From ({versionTitle(names[0])})</th>
                <th scope="col">
                  <span className="qs-sr">becomes</span>
                </th>
                <th scope="col">To ({versionTitle(names[1])})</th>
                <th scope="col" className="qs-num">
                  Leads
                </th>
                <th scope="col">Lines in the file</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.from}→${c.to}`}>
                  <td>{c.from}</td>
                  <td aria-hidden="true">→</td>
                  <td>{c.to}</td>
                  <td className="qs-num">{fmtCount(c.count)}</td>
                  <td>
                    <details>
                      <summary>
                        Show {c.lines.length < c.count ? `the first ${fmtCount(c.lines.length)} ` : ''}line
                        numbers
                      </summary>
                      <p className="qs-bt-lines">{c.lines.join(', ')}</p>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {comparedError && <p className="qs-hint">{comparedError}</p>}
    </section>
  );
}
