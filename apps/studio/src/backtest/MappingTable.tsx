import { EVENTS_PATH, type Field } from '@qualify/rules';
import { useId } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { useFields } from '../store/use-doc.ts';
import { CONVERTED_WORDS, doublyMapped } from './columns.ts';

/** Which column says whether a lead converted, and which lead field each other column feeds. */
export function MappingTable() {
  const header = useStudio((s) => s.backtest.header);
  const mapping = useStudio((s) => s.backtest.mapping);
  const outcome = useStudio((s) => s.backtest.outcome);
  const setBacktest = useStudio((s) => s.setBacktest);
  const fields = useFields();
  const countsEvents = useStudio((s) => s.doc?.events !== undefined);
  const outcomeId = useId();
  const wordsId = useId();
  if (!header) return null;

  const byPath = new Map<string, Field>(fields.map((f) => [f.path, f]));
  const twice = doublyMapped(mapping);
  const fed = new Set(Object.values(mapping).filter(Boolean));
  const unfed = fields.filter((f) => !fed.has(f.path));
  // The lead's events list is a target when the workflow reads events or a column already feeds it.
  const eventsTarget = !byPath.has(EVENTS_PATH) && (countsEvents || fed.has(EVENTS_PATH));

  const setOutcome = (column: string) =>
    setBacktest({ outcome: column, mapping: { ...mapping, [column]: null } });

  return (
    <section className="qs-bt-section" aria-labelledby="bt-columns">
      <h2 id="bt-columns">Columns</h2>
      <div className="qs-bt-outcome">
        <div className="qs-form-row">
          <label htmlFor={outcomeId}>Outcome column: did the lead convert?</label>
          <select
            id={outcomeId}
            className="qs-input"
            value={outcome}
            aria-describedby={wordsId}
            onChange={(e) => setOutcome(e.target.value)}
          >
            {!outcome && <option value="">Choose the outcome column…</option>}
            {header.columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <p className="qs-hint" id={wordsId}>
          A lead counts as converted when this column reads{' '}
          {CONVERTED_WORDS.map((w, i) => (
            <span key={w}>
              {i > 0 && (i === CONVERTED_WORDS.length - 1 ? ' or ' : ', ')}
              <code>{w}</code>
            </span>
          ))}{' '}
          (any case); anything else (lost, no, 0, empty) counts as not converted.
        </p>
      </div>

      <p className="qs-hint">
        Proposed from the column names: check that each column feeds the right lead field, or ignore it.
      </p>
      <table className="qs-table qs-mapping" data-testid="backtest-mapping">
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Feeds the lead field</th>
            <th scope="col">Field type</th>
          </tr>
        </thead>
        <tbody>
          {header.columns.map((column) => {
            const path = mapping[column] ?? '';
            const field = byPath.get(path);
            return (
              <tr key={column} data-column={column}>
                <th scope="row">
                  <code>{column}</code>
                </th>
                <td>
                  {column === outcome ? (
                    <span className="qs-chip is-live">Outcome (converted or not)</span>
                  ) : (
                    <select
                      className="qs-input"
                      aria-label={`Lead field for column ${column}`}
                      value={path}
                      onChange={(e) =>
                        setBacktest({ mapping: { ...mapping, [column]: e.target.value || null } })
                      }
                    >
                      <option value="">Ignore this column</option>
                      {fields.map((f) => (
                        <option key={f.path} value={f.path}>
                          {f.label}
                        </option>
                      ))}
                      {eventsTarget && <option value={EVENTS_PATH}>Events (a JSON list per row)</option>}
                    </select>
                  )}
                </td>
                <td>
                  {path === EVENTS_PATH && !field && column !== outcome && (
                    <span className="qs-hint">
                      <code>{EVENTS_PATH}</code> · each cell a JSON list of {'{ type, at, … }'}
                    </span>
                  )}
                  {field && column !== outcome && (
                    <span className="qs-hint">
                      <code>{field.path}</code> · {field.type}
                    </span>
                  )}
                  {field && twice.has(field.path) && column !== outcome && (
                    <span className="qs-warning-text">
                      {' '}
                      Another column feeds this field too: the later one wins.
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {unfed.length > 0 && (
        <p className="qs-hint" data-testid="backtest-unfed">
          No column feeds {unfed.map((f) => f.label).join(', ')}: those values are missing for every lead, so
          the steps that read them see “unknown”.
        </p>
      )}
    </section>
  );
}
