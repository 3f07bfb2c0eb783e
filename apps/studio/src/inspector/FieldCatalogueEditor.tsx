import { DEFAULT_MISSING_VALUES, type Field, renameField } from '@qualify/rules';
import { issuesAt } from '../editor/issue-place.ts';
import { setFields } from '../graph/edits.ts';
import { freePath } from '../graph/ids.ts';
import { useStudio } from '../store/studio-store.ts';
import { IssueList } from '../ui/IssueList.tsx';
import { FieldBasics, patched } from './FieldBasics.tsx';
import { FieldMissingValues, WorkflowMissingValues } from './MissingValuesEditor.tsx';

/** Types a lead id can be read from; the decision log records it as text. */
const ID_TYPES: ReadonlySet<Field['type']> = new Set(['string', 'number']);
/** Types a current stage can be read from: text as the CRM writes it ("SQL"), or a choice. */
const STAGE_TYPES: ReadonlySet<Field['type']> = new Set(['string', 'enum']);

/** The lead field catalogue: what a workflow may read, with types that drive operators and inputs. */
export function FieldCatalogueEditor() {
  const doc = useStudio((s) => s.doc);
  const commit = useStudio((s) => s.commit);
  const issues = useStudio((s) => s.issues);
  if (!doc) return null;
  const fields = doc.fields;
  // Node data names a field through `field` (conditions, decay) or a sales route's `ownerField`.
  const used = new Set(
    [...JSON.stringify(doc.nodes).matchAll(/"(?:field|ownerField)":"([^"]+)"/g)].map((m) => m[1]),
  );
  const set = (next: Field[], key?: string) => commit(setFields(doc, next), key ? { key } : {});
  // Renaming a path carries every condition and decay that reads the field along (one undo step);
  // onto another field's path it only renames the field, and validation flags the duplicate.
  const rename = (i: number, path: string) => {
    const renamed = renameField(doc, fields[i]!.path, path);
    if (renamed === doc) update(i, { path }, 'path');
    else commit(renamed, { key: `field-${i}-path` });
  };
  const replace = (i: number, next: Field, key?: string) =>
    set(
      fields.map((f, j) => (j === i ? next : f)),
      key && `field-${i}-${key}`,
    );
  const update = (i: number, patch: Partial<Field>, key?: string) =>
    replace(i, patched(fields[i]!, patch), key);
  // One id per lead: marking a field takes the mark from any other.
  const markLeadId = (i: number, on: boolean) =>
    set(
      fields.map((f, j) =>
        j === i ? patched(f, { leadId: on || undefined }) : patched(f, { leadId: undefined }),
      ),
    );
  // One current stage per lead, likewise.
  const markCurrentStage = (i: number, on: boolean) =>
    set(
      fields.map((f, j) =>
        j === i ? patched(f, { currentStage: on || undefined }) : patched(f, { currentStage: undefined }),
      ),
    );
  const workflowList = doc.missingValues ?? DEFAULT_MISSING_VALUES;
  const fieldIssues = issuesAt(issues, ['fields', 'missingValues']);

  return (
    <div className="qs-fields">
      <p className="qs-hint">
        The lead data this workflow reads. <strong>Fit</strong> is who the lead is,{' '}
        <strong>engagement</strong> what it did, <strong>conversation</strong> what a rep learned (often
        missing).
      </p>
      <IssueList issues={fieldIssues} label="Problems in the field catalogue" />
      <WorkflowMissingValues />
      {fields.length === 0 && (
        <p className="qs-empty qs-empty-small">No fields yet. Add the lead data your team relies on.</p>
      )}
      <ol className="qs-cards">
        {fields.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the path itself is being edited, so position is the identity
          <li key={i} className="qs-card qs-field-card">
            <FieldBasics
              field={f}
              index={i}
              noun="Field"
              onChange={(next, key) => replace(i, next, key)}
              onRename={(path) => rename(i, path)}
            />
            <div className="qs-field-options">
              <FieldMissingValues
                field={f}
                index={i}
                workflowList={workflowList}
                onChange={(missingValues) => update(i, { missingValues }, 'missing')}
              />
              {(ID_TYPES.has(f.type) || f.leadId) && (
                <label className="qs-check">
                  <input
                    type="checkbox"
                    aria-label={`Field ${i + 1} is the lead's id`}
                    checked={Boolean(f.leadId)}
                    onChange={(e) => markLeadId(i, e.target.checked)}
                  />
                  The lead's id (recorded with each decision)
                </label>
              )}
              {(STAGE_TYPES.has(f.type) || f.currentStage) && (
                <label className="qs-check">
                  <input
                    type="checkbox"
                    aria-label={`Field ${i + 1} is the lead's current stage`}
                    checked={Boolean(f.currentStage)}
                    onChange={(e) => markCurrentStage(i, e.target.checked)}
                  />
                  The lead's current stage, as the CRM sends it (stages only move forward from it)
                </label>
              )}
            </div>
            <div className="qs-row qs-row-end">
              {used.has(f.path) && <small className="qs-hint">used by the workflow</small>}
              <button
                type="button"
                className="qs-link-btn is-danger"
                onClick={() => set(fields.filter((_, j) => j !== i))}
                aria-label={`Remove field ${f.label}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="qs-btn"
        onClick={() => {
          const path = freePath(new Set(fields.map((f) => f.path)), 'field', fields.length + 1);
          const label = `New field ${path.slice('field'.length)}`;
          set([...fields, { path, label, type: 'string', category: 'fit' }]);
        }}
      >
        + Field
      </button>
    </div>
  );
}
