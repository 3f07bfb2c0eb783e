import { useState } from 'react';
import { PASTE_COLUMNS, type RejectedRow } from './paste-rules.ts';

/** What the last paste did: rules added and the rows not understood, each with why. */
export interface PasteReport {
  added: number;
  rejected: RejectedRow[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The outcome of a paste, until dismissed; rows not understood are listed by line with the reason. */
export function PasteReportView({ report, onDismiss }: { report: PasteReport; onDismiss: () => void }) {
  return (
    <div
      className={`qs-callout qs-paste-report ${report.rejected.length ? 'is-warning' : ''}`}
      role="status"
      data-testid="paste-report"
    >
      <p>
        {report.added ? `Added ${plural(report.added, 'rule', 'rules')} (one undo step).` : 'No rules added.'}
        {report.rejected.length > 0 &&
          ` ${plural(report.rejected.length, 'row was', 'rows were')} not understood:`}
      </p>
      {report.rejected.length > 0 && (
        <ul className="qs-paste-rejected">
          {report.rejected.map((r) => (
            <li key={r.line}>
              Line {r.line} "{r.text}": {r.reason}.
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="qs-link-btn" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** A box to paste spreadsheet rows into, for when the table itself is not where the paste lands. */
export function PasteBox({ onPaste }: { onPaste: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <details className="qs-paste-box">
      <summary>Paste rows from a spreadsheet</summary>
      <p className="qs-hint">
        One rule a row, cells separated by tabs (copy them from a spreadsheet), in the columns{' '}
        <code>{PASTE_COLUMNS.join(', ')}</code>; field, operator and value are optional (a rule without them
        applies to every lead). A header row with these names may put them in another order.
      </p>
      <textarea
        className="qs-input"
        rows={4}
        aria-label="Rows to paste"
        placeholder={'Demo requested\t25\tactivity.demoRequested\tis\tyes'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        className="qs-btn"
        disabled={!text.trim()}
        onClick={() => {
          onPaste(text);
          setText('');
        }}
      >
        Add rows
      </button>
    </details>
  );
}
