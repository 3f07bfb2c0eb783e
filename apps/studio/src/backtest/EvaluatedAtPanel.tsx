import { formatAsOf, suggestEvaluatedAtColumn } from '@qualify/rules';
import { useId, useMemo } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { useFields } from '../store/use-doc.ts';
import { FormRow } from '../ui/inputs.tsx';
import { asOfDefault, asOfError, asOfSentence } from './time-options.ts';

/**
 * When the past leads are evaluated: each row as of its own time in a column, or the whole file as
 * of one date, by default the latest date in it (found here as the runtime finds it).
 */
export function EvaluatedAtPanel() {
  const header = useStudio((s) => s.backtest.header);
  const outcome = useStudio((s) => s.backtest.outcome);
  const mapping = useStudio((s) => s.backtest.mapping);
  const dates = useStudio((s) => s.backtest.dates);
  const mode = useStudio((s) => s.backtest.timeMode);
  const column = useStudio((s) => s.backtest.timeColumn);
  const asOfText = useStudio((s) => s.backtest.asOfText);
  const setBacktest = useStudio((s) => s.setBacktest);
  const fields = useFields();
  const name = useId();
  const def = useMemo(() => asOfDefault(dates, mapping, fields), [dates, mapping, fields]);
  if (!header) return null;

  const suggested = suggestEvaluatedAtColumn(header.columns, outcome);
  const sentence = asOfSentence(def);
  const defaultText = def.status === 'done' && def.latest ? formatAsOf(def.latest.ms) : '';
  const typed = asOfText?.trim() ?? '';
  const edited = typed !== '';
  const error = asOfError(asOfText);
  const columns = header.columns.filter((c) => c !== outcome);

  const asOfInput = (label: string, hint: string) => (
    <FormRow label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          className="qs-input"
          value={asOfText ?? defaultText}
          placeholder="2026-03-31"
          aria-invalid={error ? true : undefined}
          onChange={(e) => setBacktest({ asOfText: e.target.value })}
        />
      )}
    </FormRow>
  );

  return (
    <section className="qs-bt-section" aria-labelledby="bt-time">
      <h2 id="bt-time">Evaluated at</h2>
      <p className="qs-hint">
        Rules on recency (a visit within the last N days, points that decay) count back from the time a lead
        is evaluated. Score past leads as of their own time, not today, or they all look stale.
      </p>
      <fieldset className="qs-pass">
        <legend>Evaluate the leads</legend>
        <label className="qs-check">
          <input
            type="radio"
            name={name}
            checked={mode === 'asOf'}
            onChange={() => setBacktest({ timeMode: 'asOf' })}
          />
          as of one date for the whole file
        </label>
        <label className="qs-check">
          <input
            type="radio"
            name={name}
            checked={mode === 'column'}
            onChange={() => setBacktest({ timeMode: 'column', timeColumn: column || suggested || '' })}
          />
          each as of its own time in a column{suggested ? ` (${suggested} looks like one)` : ''}
        </label>
      </fieldset>
      <div className="qs-bt-options">
        {mode === 'asOf' ? (
          asOfInput('As-of date', 'ISO 8601: a date (2026-03-31) or a date and time (2026-03-31T18:00:00Z).')
        ) : (
          <FormRow
            label="Time column"
            hint="ISO 8601 dates or date-times; numbers as epoch milliseconds (NDJSON)."
          >
            {(id) => (
              <select
                id={id}
                className="qs-input"
                value={column}
                onChange={(e) => setBacktest({ timeColumn: e.target.value })}
              >
                {(!column || column === outcome) && <option value={column}>Choose the column…</option>}
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c === suggested ? `${c} (suggested)` : c}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
        )}
        {mode === 'column' &&
          asOfInput(
            'Rows without a readable time',
            'Are evaluated as of this date; by default the latest date in the file.',
          )}
      </div>
      <p className="qs-hint" data-testid="backtest-asof-default">
        {edited ? (
          <>
            You set {error ? 'a date' : <strong>{typed}</strong>} instead of the default: {sentence}
            {sentence.endsWith('…') ? ' ' : '. '}
            <button type="button" className="qs-btn" onClick={() => setBacktest({ asOfText: null })}>
              Use the default
            </button>
          </>
        ) : (
          <>
            {sentence}
            {sentence.endsWith('…') ? '' : '.'}
          </>
        )}
      </p>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
