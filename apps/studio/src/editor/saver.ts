import { ApiError, errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';

let inFlight: Promise<boolean> | null = null;

const backupKey = (id: string) => `qualify.localCopy.${id}`;

/** Keeps the local draft in the browser, so a conflict or failure never loses it. */
export function backupLocalCopy(): void {
  const { doc } = useStudio.getState();
  if (doc)
    localStorage.setItem(backupKey(doc.id), JSON.stringify({ savedAt: new Date().toISOString(), doc }));
}

export function readLocalCopy(id: string): { savedAt: string; doc: unknown } | null {
  const raw = localStorage.getItem(backupKey(id));
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export const clearLocalCopy = (id: string): void => localStorage.removeItem(backupKey(id));

async function saveOnce(overwrite: boolean): Promise<boolean> {
  const s = useStudio.getState();
  const { doc, meta, savedDoc } = s;
  if (!doc || !meta) return true;
  if (doc === savedDoc && !overwrite) {
    s.setSave({ status: 'saved' });
    return true;
  }
  if (s.save.status === 'conflict' && !overwrite) return false;
  const revision =
    overwrite && s.save.status === 'conflict' ? (s.save.currentRevision ?? meta.revision) : meta.revision;
  s.setSave({ status: 'saving' });
  // Another workflow may be open by the time the answer comes back.
  const stillOpen = () => useStudio.getState().meta?.id === meta.id;
  try {
    const record = await runtime.save(meta.id, doc, revision);
    if (stillOpen()) useStudio.getState().saved(record, doc);
    clearLocalCopy(meta.id);
    return true;
  } catch (err) {
    if (!stillOpen()) return false;
    backupLocalCopy();
    if (err instanceof ApiError && err.code === 'revision_conflict') {
      const current = err.problem.currentRevision;
      useStudio
        .getState()
        .setSave({ status: 'conflict', currentRevision: typeof current === 'number' ? current : null });
    } else {
      useStudio.getState().setSave({ status: 'error', message: errorMessage(err) });
    }
    return false;
  }
}

/**
 * Saves the draft now (one request at a time); resolves true once the runtime holds the
 * current document. `overwrite` is the explicit "keep mine" answer to a conflict.
 */
export async function saveNow(overwrite = false): Promise<boolean> {
  while (inFlight) await inFlight;
  inFlight = saveOnce(overwrite);
  try {
    const ok = await inFlight;
    if (!ok) return false;
  } finally {
    inFlight = null;
  }
  const s = useStudio.getState();
  // The document may have moved on while the request was out.
  return s.doc === s.savedDoc ? true : saveNow();
}
