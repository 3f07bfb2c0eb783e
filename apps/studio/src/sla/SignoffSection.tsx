import { useState } from 'react';
import type { Signoff } from '../api/types.ts';
import { fullTime } from '../ui/time.ts';
import { SignoffDialog } from './SignoffDialog.tsx';
import { signoffState } from './signoff-status.ts';

/** Who agreed, when, to which version; a warning when what runs is newer than what was agreed. */
export function SignoffSection(props: {
  workflowId: string;
  liveVersion: number | null;
  latestVersion: number | null;
  items: Signoff[] | null;
  error: string | null;
  onSigned: (s: Signoff) => void;
}) {
  const { items, error } = props;
  const [open, setOpen] = useState(false);

  const status = items ? signoffState(items, props.liveVersion) : null;
  const versions = Array.from({ length: props.latestVersion ?? 0 }, (_, i) => i + 1).reverse();

  return (
    <section className="qs-signoff" aria-labelledby="qs-signoff-heading">
      <div className="qs-row">
        <h2 id="qs-signoff-heading">Sign-off</h2>
        <span className="qs-grow" />
        {versions.length > 0 && (
          <button type="button" className="qs-btn qs-no-print" onClick={() => setOpen(true)}>
            Sign off
          </button>
        )}
      </div>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p
          className={status.state === 'outdated' ? 'qs-signoff-warning' : 'qs-hint'}
          role={status.state === 'outdated' ? 'alert' : undefined}
          data-testid="signoff-status"
        >
          {status.text}
        </p>
      )}
      {items && items.length > 0 && (
        <table className="qs-table" aria-label="Sign-offs">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Role</th>
              <th scope="col">Version</th>
              <th scope="col">When</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{s.title}</td>
                <td>{s.version}</td>
                <td title={`Recorded by ${s.recordedBy}`}>{fullTime(s.at)}</td>
                <td>{s.note || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="qs-print-only qs-signature">Signed: ______________________ Date: __________</p>
      {props.liveVersion !== null || versions.length > 0 ? (
        <SignoffDialog
          open={open}
          workflowId={props.workflowId}
          versions={versions}
          defaultVersion={props.liveVersion ?? versions[0] ?? 1}
          onClose={() => setOpen(false)}
          onSigned={(s) => {
            props.onSigned(s);
            setOpen(false);
          }}
        />
      ) : null}
    </section>
  );
}
