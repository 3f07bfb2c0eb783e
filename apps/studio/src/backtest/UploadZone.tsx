import { type DragEvent, useId, useState } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { chooseFile } from './actions.ts';
import { fmtCount } from './format.ts';

const fmtSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 ** 2
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** The file of past leads: a file input and a drop zone around it; an empty state until one is chosen. */
export function UploadZone() {
  const file = useStudio((s) => s.backtest.file);
  const header = useStudio((s) => s.backtest.header);
  const headerError = useStudio((s) => s.backtest.headerError);
  const [over, setOver] = useState(false);
  const inputId = useId();
  const hintId = useId();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) void chooseFile(dropped);
  };

  return (
    <section
      className={`qs-drop${over ? ' is-over' : ''}${file ? ' has-file' : ''}`}
      aria-label="File of past leads"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {!file && (
        <div className="qs-drop-intro">
          <h2>Test the workflow on leads whose outcome you already know</h2>
          <p>
            Upload past leads as CSV (with a header row) or NDJSON (one JSON object per line), with a column
            that says whether each lead converted. The studio reads only the first line to propose how the
            columns feed the workflow; the runtime reads the rest row by row and keeps nothing.
          </p>
        </div>
      )}
      <div className="qs-row qs-row-center">
        <label htmlFor={inputId} className={`qs-btn${file ? '' : ' is-primary'}`}>
          {file ? 'Choose another file…' : 'Choose a file…'}
        </label>
        <input
          id={inputId}
          type="file"
          className="qs-file-input"
          accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
          aria-describedby={hintId}
          data-testid="backtest-file"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            // Cleared so choosing the same file again (after editing it) reads it again.
            e.target.value = '';
            if (chosen) void chooseFile(chosen);
          }}
        />
        <span className="qs-hint" id={hintId}>
          or drop a .csv or .ndjson file here
        </span>
      </div>
      {file && (
        <p className="qs-drop-file" data-testid="backtest-file-info">
          <strong>{file.name}</strong> · {fmtSize(file.size)}
          {header && (
            <>
              {' '}
              · {header.format === 'csv' ? 'CSV' : 'NDJSON'} · {header.columns.length} columns
              {header.estimatedRows != null && <> · about {fmtCount(header.estimatedRows)} rows</>}
            </>
          )}
        </p>
      )}
      {headerError && (
        <p className="qs-error-text" role="alert">
          {headerError}
        </p>
      )}
    </section>
  );
}
