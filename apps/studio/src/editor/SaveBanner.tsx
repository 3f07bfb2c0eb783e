import { errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';
import { downloadJson } from '../workflows/file-io.ts';
import { backupLocalCopy, saveNow } from './saver.ts';

/** A save conflict or failure, with the choices a person needs; the local copy is never dropped silently. */
export function SaveBanner() {
  const save = useStudio((s) => s.save);
  if (save.status !== 'conflict' && save.status !== 'error') return null;

  const download = () => {
    const doc = useStudio.getState().doc;
    if (doc) downloadJson(`${doc.id}.my-copy.workflow.json`, doc);
  };
  const reload = async () => {
    const s = useStudio.getState();
    if (!s.meta) return;
    backupLocalCopy();
    try {
      s.load(await runtime.get(s.meta.id));
      s.notify(
        'info',
        'Loaded the latest saved draft. Your copy is kept in this browser and can be restored.',
      );
    } catch (err) {
      s.notify('error', errorMessage(err));
    }
  };

  if (save.status === 'error') {
    return (
      <div className="qs-banner is-error" role="alert">
        <span>
          <strong>Not saved.</strong> {save.message} Your edits are kept in this browser.
        </span>
        <button type="button" className="qs-btn" onClick={() => void saveNow()}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <div className="qs-banner is-warning" role="alert" data-testid="conflict-banner">
      <span>
        <strong>Someone else saved this workflow</strong>
        {save.currentRevision != null ? ` (now revision ${save.currentRevision})` : ''}. Your changes are not
        saved yet; they are kept in this browser.
      </span>
      <button type="button" className="qs-btn" onClick={reload}>
        Reload theirs
      </button>
      <button type="button" className="qs-btn" onClick={download}>
        Download my copy
      </button>
      <button type="button" className="qs-btn is-danger" onClick={() => void saveNow(true)}>
        Keep mine (overwrite)
      </button>
    </div>
  );
}
