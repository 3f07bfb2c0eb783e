import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';

/**
 * Asks before making a published version live (a rollback, or bringing the latest back): new leads are
 * qualified by it at once. The draft is left as it is. Enter confirms.
 */
export function MakeLiveDialog(props: { version: number | null; onClose: () => void }) {
  const id = useStudio((s) => s.meta?.id);
  const live = useStudio((s) => s.meta?.liveVersion ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = props.version;

  useEffect(() => {
    if (n !== null) setError(null);
  }, [n]);

  const makeLive = async () => {
    if (!id || n === null) return;
    setBusy(true);
    setError(null);
    try {
      useStudio.getState().setMeta(await runtime.makeLive(id, n));
      useStudio.getState().notify('info', `Version ${n} is live again.`);
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={n !== null} title={`Make version ${n} live`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void makeLive();
        }}
      >
        <p>
          New leads are qualified by version {n} at once
          {live !== null ? `, instead of version ${live}` : ''}. The draft is not changed, and every version
          stays in the list.
        </p>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot
          onCancel={props.onClose}
          submit={busy ? 'Switching…' : `Make version ${n} live`}
          disabled={busy}
        />
      </form>
    </Dialog>
  );
}
