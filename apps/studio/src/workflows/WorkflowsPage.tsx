import type { Workflow } from '@qualify/rules';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';
import { Link } from '../routing/Link.tsx';
import { navigate, pathFor } from '../routing/router.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { StatusChip } from '../ui/StatusChip.tsx';
import { fullTime, relativeTime } from '../ui/time.ts';
import { createUnique, parseImported } from './create-workflow.ts';
import { downloadJson, readJsonFile } from './file-io.ts';
import { NewWorkflowDialog } from './NewWorkflowDialog.tsx';

/** Every workflow with its status; create, import, duplicate, export and archive. */
export function WorkflowsPage() {
  const notify = useStudio((s) => s.notify);
  const [items, setItems] = useState<WorkflowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState<'blank' | 'template' | null>(null);
  const [archiving, setArchiving] = useState<WorkflowSummary | null>(null);
  /** A file whose id an existing workflow holds: update that draft or create a copy, as the user says. */
  const [clash, setClash] = useState<{ doc: Workflow; existing: WorkflowSummary } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setItems(await runtime.list(archived));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [archived]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const duplicate = (w: WorkflowSummary) =>
    act(async () => {
      const { workflow } = await runtime.get(w.id);
      const copy = await createUnique({ ...workflow, id: `${w.id}-copy`, name: `Copy of ${workflow.name}` });
      notify('info', `Created "${copy.name}".`);
      await load();
    });
  const exportFile = (w: WorkflowSummary) =>
    act(async () => {
      const { workflow } = await runtime.get(w.id);
      downloadJson(`${w.id}.workflow.json`, workflow);
    });
  const archive = (w: WorkflowSummary) =>
    act(async () => {
      await runtime.archive(w.id);
      setArchiving(null);
      notify('info', `Archived "${w.name}".`);
      await load();
    });
  const restore = (w: WorkflowSummary) =>
    act(async () => {
      await runtime.unarchive(w.id);
      notify('info', `Restored "${w.name}".`);
      await load();
    });
  const importFile = (file: File) =>
    act(async () => {
      const doc = parseImported(await readJsonFile(file));
      const existing = (await runtime.list(true)).find((w) => w.id === doc.id);
      if (existing) {
        setClash({ doc, existing });
        return;
      }
      await importAsNew(doc);
    });
  const importAsNew = async (doc: Workflow) => {
    const record = await createUnique(doc);
    notify('info', `Imported "${record.name}".`);
    navigate(pathFor({ page: 'editor', id: record.id }));
  };
  const importCopy = (doc: Workflow) =>
    act(async () => {
      setClash(null);
      await importAsNew(doc);
    });
  // A normal draft save: the file becomes the draft at the workflow's current revision; versions stay.
  const importIntoDraft = (doc: Workflow) =>
    act(async () => {
      setClash(null);
      const { revision } = await runtime.get(doc.id);
      const record = await runtime.save(doc.id, doc, revision);
      notify('info', `Updated the draft of "${record.name}" from the file.`);
      navigate(pathFor({ page: 'editor', id: record.id }));
    });

  // Most recently edited first: the workflow you were just working on is at the top.
  const visible =
    items?.filter((w) => archived || !w.archived).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) ??
    null;

  return (
    <div className="qs-page">
      <header className="qs-page-head">
        <div>
          <h1>Workflows</h1>
          <p className="qs-hint">
            The qualification criteria marketing and sales agreed on: scoring, framework gates, routing and
            SLA.
          </p>
        </div>
        <div className="qs-row">
          <button type="button" className="qs-btn" onClick={() => fileRef.current?.click()}>
            Import…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            hidden
            aria-label="Import a workflow file"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="qs-btn" onClick={() => setCreating('template')}>
            From template…
          </button>
          <button type="button" className="qs-btn is-primary" onClick={() => setCreating('blank')}>
            New workflow
          </button>
        </div>
      </header>

      <label className="qs-check qs-archived-toggle">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
        Show archived
      </label>

      {error && (
        <div className="qs-banner is-error" role="alert">
          <span>{error}</span>
          <button type="button" className="qs-btn" onClick={() => void load()}>
            Retry
          </button>
        </div>
      )}
      {!visible && !error && <p className="qs-hint">Loading workflows…</p>}
      {visible && visible.length === 0 && (
        <div className="qs-empty">
          <h2>No workflows yet</h2>
          <p>
            Start from a template (BANT for inbound SaaS, MEDDIC for enterprise, CHAMP, ANUM…) with sample
            leads to try, or from a blank canvas with a starter field catalogue.
          </p>
          <div className="qs-row qs-row-center">
            <button type="button" className="qs-btn is-primary" onClick={() => setCreating('template')}>
              Start from a template
            </button>
            <button type="button" className="qs-btn" onClick={() => setCreating('blank')}>
              Blank workflow
            </button>
          </div>
        </div>
      )}
      {visible && visible.length > 0 && (
        <table className="qs-table qs-workflow-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Last edit</th>
              <th scope="col">
                <span className="qs-sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((w) => (
              <tr key={w.id} data-workflow={w.id}>
                <td>
                  <Link href={pathFor({ page: 'editor', id: w.id })} className="qs-wf-name">
                    {w.name}
                  </Link>
                  {w.description && <p className="qs-wf-desc">{w.description}</p>}
                </td>
                <td>
                  <StatusChip summary={w} />
                </td>
                <td title={fullTime(w.updatedAt)}>{relativeTime(w.updatedAt)}</td>
                <td className="qs-actions">
                  <Link href={pathFor({ page: 'sla', id: w.id })} className="qs-link-btn">
                    SLA view
                  </Link>
                  <button
                    type="button"
                    className="qs-link-btn"
                    onClick={() => duplicate(w)}
                    aria-label={`Duplicate ${w.name}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="qs-link-btn"
                    onClick={() => exportFile(w)}
                    aria-label={`Export ${w.name}`}
                  >
                    Export
                  </button>
                  {w.archived && (
                    <button
                      type="button"
                      className="qs-link-btn"
                      onClick={() => restore(w)}
                      aria-label={`Restore ${w.name}`}
                    >
                      Restore
                    </button>
                  )}
                  {!w.archived && (
                    <button
                      type="button"
                      className="qs-link-btn is-danger"
                      onClick={() => setArchiving(w)}
                      aria-label={`Archive ${w.name}`}
                    >
                      Archive
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {creating && <NewWorkflowDialog open startWith={creating} onClose={() => setCreating(null)} />}
      <Dialog open={clash !== null} title="Import workflow" onClose={() => setClash(null)}>
        <p>
          A workflow with the id <code>{clash?.doc.id}</code> already exists:{' '}
          <strong>{clash?.existing.name}</strong>
          {clash?.existing.archived ? ' (archived)' : ''}. Update its draft with this file, or create a copy
          beside it?
        </p>
        <p className="qs-hint">
          Updating replaces the draft only: published versions and what is live stay as they are, and the
          change can be published like any other edit.
        </p>
        <div className="qs-dialog-foot">
          <button type="button" className="qs-btn" onClick={() => setClash(null)}>
            Cancel
          </button>
          <button type="button" className="qs-btn" onClick={() => clash && void importCopy(clash.doc)}>
            Create a copy
          </button>
          <button
            type="button"
            className="qs-btn is-primary"
            onClick={() => clash && void importIntoDraft(clash.doc)}
          >
            Update the draft
          </button>
        </div>
      </Dialog>
      <Dialog open={archiving !== null} title="Archive workflow" onClose={() => setArchiving(null)}>
        <p>
          Archive <strong>{archiving?.name}</strong>? It leaves this list; its versions and decision log are
          kept.
        </p>
        <div className="qs-dialog-foot">
          <button type="button" className="qs-btn" onClick={() => setArchiving(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="qs-btn is-danger"
            onClick={() => archiving && void archive(archiving)}
          >
            Archive
          </button>
        </div>
      </Dialog>
    </div>
  );
}
