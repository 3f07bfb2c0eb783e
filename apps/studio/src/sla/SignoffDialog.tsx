import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Signoff } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';

/** Records that a person agreed to a version: name, role, version, note. Enter in any field submits. */
export function SignoffDialog(props: {
  open: boolean;
  workflowId: string;
  versions: number[];
  defaultVersion: number;
  onClose: () => void;
  onSigned: (s: Signoff) => void;
}) {
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [version, setVersion] = useState(props.defaultVersion);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  // After the dialog opens: showModal() runs after this component's effects and would focus the
  // dialog's first control, its close button.
  useEffect(() => {
    if (!props.open) return;
    const frame = requestAnimationFrame(() => first.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [props.open]);

  const submit = async () => {
    if (!name.trim() || !title.trim()) {
      setError('Say who agrees and their role, such as "VP Sales".');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await runtime.signOff(props.workflowId, {
        name: name.trim(),
        title: title.trim(),
        version,
        note: note.trim(),
      });
      setName('');
      setTitle('');
      setNote('');
      props.onSigned(s);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title="Sign off the agreement" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>Record that sales agrees to this version: where leads go, the SLA and the hand-off.</p>
        <div className="qs-form-row">
          <label htmlFor="qs-signoff-name">Who agrees</label>
          <input
            id="qs-signoff-name"
            className="qs-input"
            value={name}
            placeholder="e.g. Dana Reyes"
            onChange={(e) => setName(e.target.value)}
            ref={first}
          />
        </div>
        <div className="qs-form-row">
          <label htmlFor="qs-signoff-title">Role</label>
          <input
            id="qs-signoff-title"
            className="qs-input"
            value={title}
            placeholder="e.g. VP Sales"
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="qs-form-row">
          <label htmlFor="qs-signoff-version">Version agreed to</label>
          <select
            id="qs-signoff-version"
            className="qs-input"
            value={version}
            onChange={(e) => setVersion(Number(e.target.value))}
          >
            {props.versions.map((n) => (
              <option key={n} value={n}>
                Version {n}
                {n === props.defaultVersion ? ' (live)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="qs-form-row">
          <label htmlFor="qs-signoff-note">Note (optional)</label>
          <input
            id="qs-signoff-note"
            className="qs-input"
            value={note}
            placeholder="e.g. Agreed at the Q2 pipeline review"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot onCancel={props.onClose} submit={busy ? 'Recording…' : 'Sign off'} disabled={busy} />
      </form>
    </Dialog>
  );
}
