import type { BacktestReport } from '../api/backtest.ts';
import { fmtCount } from './format.ts';

const rows = (n: number) => `${fmtCount(n)} row${n === 1 ? '' : 's'}`;

/** Rows the runtime could not read and rows with values the workflow could not use: counted and listed. */
export function RowProblems({ report }: { report: BacktestReport }) {
  const { badRows, dataIssues } = report;
  return (
    <section className="qs-bt-section" aria-labelledby="bt-problems">
      <h2 id="bt-problems">Rows with problems</h2>
      <div className="qs-bt-side">
        <article className="qs-bt-problem" data-testid="backtest-bad-rows">
          <h3>{badRows.count ? `${rows(badRows.count)} could not be read` : 'Every row could be read'}</h3>
          <p className="qs-hint">Unreadable rows are not evaluated and not counted in the figures above.</p>
          {badRows.sample.length > 0 && (
            <ul className="qs-bt-samples">
              {/* Each reason is a sentence that names its line, as the batch words it. */}
              {badRows.sample.map((s) => (
                <li key={s.line} data-code={s.code}>
                  {s.error}
                </li>
              ))}
            </ul>
          )}
          {badRows.count > badRows.sample.length && (
            <p className="qs-hint">The first {fmtCount(badRows.sample.length)} are listed.</p>
          )}
        </article>
        <article className="qs-bt-problem" data-testid="backtest-data-issues">
          <h3>{dataIssues.count ? `${rows(dataIssues.count)} with data issues` : 'No data issues'}</h3>
          <p className="qs-hint">
            Such rows are evaluated, but values the workflow cannot use (a word where a number belongs, a
            value not in a field's list) count as missing.
          </p>
          {dataIssues.sample.length > 0 && (
            <ul className="qs-bt-samples">
              {dataIssues.sample.map((s) => (
                <li key={s.line}>
                  <strong>Line {s.line}:</strong> {s.issues.map((i) => i.message).join('; ')}
                </li>
              ))}
            </ul>
          )}
          {dataIssues.count > dataIssues.sample.length && (
            <p className="qs-hint">The first {fmtCount(dataIssues.sample.length)} are listed.</p>
          )}
        </article>
      </div>
    </section>
  );
}
