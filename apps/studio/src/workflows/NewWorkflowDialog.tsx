import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Template } from '../api/types.ts';
import { useTemplates } from '../api/use-templates.ts';
import { blankWorkflow, workflowId } from '../graph/new-workflow.ts';
import { navigate, pathFor } from '../routing/router.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { createUnique, takenIds } from './create-workflow.ts';

/** Start blank (a "Lead arrives" node and a starter catalogue) or from one of the runtime's templates. */
export function NewWorkflowDialog(props: {
  open: boolean;
  onClose: () => void;
  startWith: 'blank' | 'template';
}) {
  const { templates, error: templatesError } = useTemplates();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async (make: () => Promise<Parameters<typeof createUnique>[0]>) => {
    setBusy(true);
    setError(null);
    try {
      const record = await createUnique(await make());
      props.onClose();
      navigate(pathFor({ page: 'editor', id: record.id }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const blank = () =>
    create(async () => {
      const title = name.trim() || 'Untitled workflow';
      return blankWorkflow(workflowId(title, await takenIds()), title);
    });
  const fromTemplate = (t: Template) => create(async () => ({ ...t.workflow }));

  return (
    <Dialog open={props.open} title="New workflow" onClose={props.onClose} wide>
      {props.startWith === 'blank' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void blank();
          }}
        >
          <div className="qs-form-row">
            <label htmlFor="qs-new-name">Name</label>
            <input
              id="qs-new-name"
              className="qs-input"
              value={name}
              placeholder="e.g. Inbound demo requests"
              onChange={(e) => setName(e.target.value)}
              autoFocus
            />
            <small className="qs-hint">
              Starts with "Lead arrives" and a starter field catalogue (fit, engagement, BANT answers).
            </small>
          </div>
          {error && (
            <p className="qs-error-text" role="alert">
              {error}
            </p>
          )}
          <DialogFoot onCancel={props.onClose} submit="Create blank workflow" disabled={busy} />
        </form>
      ) : (
        <>
          <p className="qs-hint">Each template comes with sample leads to test it with.</p>
          {templatesError && (
            <p className="qs-error-text" role="alert">
              {templatesError}
            </p>
          )}
          {!templates && !templatesError && <p className="qs-hint">Loading templates…</p>}
          <ul className="qs-template-grid">
            {(templates ?? []).map((t) => (
              <li key={t.id}>
                <button type="button" className="qs-template" disabled={busy} onClick={() => fromTemplate(t)}>
                  <strong>{t.name}</strong>
                  <span>{t.description}</span>
                  <small>
                    {t.workflow.nodes.length} steps · {t.leads.length} sample leads
                  </small>
                </button>
              </li>
            ))}
          </ul>
          {error && (
            <p className="qs-error-text" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
