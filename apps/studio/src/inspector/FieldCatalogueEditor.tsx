import {
  DEFAULT_MISSING_VALUES,
  FIELD_CATEGORIES,
  FIELD_TYPES,
  type Field,
  renameField,
} from '@qualify/rules';
import { setFields } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';
import { ListInput } from '../ui/inputs.tsx';
import { FieldMissingValues, WorkflowMissingValues } from './MissingValuesEditor.tsx';
import { ValueLabelsEditor } from './ValueLabelsEditor.tsx';

/** Types a lead id can be read from; the decision log records it as text. */
const ID_TYPES: ReadonlySet<Field['type']> = new Set(['string', 'number']);
/** Types a current stage can be read from: text as the CRM writes it ("SQL"), or a choice. */
const STAGE_TYPES: ReadonlySet<Field['type']> = new Set(['string', 'enum']);

/** `field` with `patch` applied; a key patched to undefined is removed, as if never set. */
function patched(field: Field, patch: Partial<Field>): Field {
  const next: Record<string, unknown> = { ...field, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
  return next as Field;
}

const TYPE_NAMES: Record<Field['type'], string> = {
  number: 'Number',
  string: 'Text',
  boolean: 'Yes / no',
  enum: 'Choice',
  date: 'Date',
  stringList: 'List of text',
};

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
  const update = (i: number, patch: Partial<Field>, key?: string) =>
    set(
      fields.map((f, j) => (j === i ? patched(f, patch) : f)),
      key && `field-${i}-${key}`,
    );
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
  const fieldIssues = issues.filter(
    (i) => i.path?.startsWith('fields') || i.path?.startsWith('missingValues'),
  );

  return (
    <div className="qs-fields">
      <p className="qs-hint">
        The lead data this workflow reads. <strong>Fit</strong> is who the lead is,{' '}
        <strong>engagement</strong> what it did, <strong>conversation</strong> what a rep learned (often
        missing).
      </p>
      {fieldIssues.length > 0 && (
        <ul className="qs-node-issues">
          {fieldIssues.map((i) => (
            <li key={`${i.code}-${i.path}`} className={`is-${i.severity}`}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <WorkflowMissingValues />
      {fields.length === 0 && (
        <p className="qs-empty qs-empty-small">No fields yet. Add the lead data your team relies on.</p>
      )}
      <ol className="qs-cards">
        {fields.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the path itself is being edited, so position is the identity
          <li key={i} className="qs-card qs-field-card">
            <div className="qs-form-grid">
              <input
                className="qs-input"
                aria-label={`Field ${i + 1} label`}
                value={f.label}
                onChange={(e) => update(i, { label: e.target.value }, 'label')}
              />
              <input
                className="qs-input qs-mono"
                aria-label={`Field ${i + 1} path`}
                value={f.path}
                onChange={(e) => rename(i, e.target.value.trim())}
              />
              <select
                className="qs-input"
                aria-label={`Field ${i + 1} type`}
                value={f.type}
                onChange={(e) => {
                  const type = e.target.value as Field['type'];
                  const { values: _v, ...rest } = f;
                  set(
                    fields.map((x, j) =>
                      j === i
                        ? type === 'enum'
                          ? { ...rest, type, values: f.values ?? [] }
                          : { ...rest, type }
                        : x,
                    ),
                  );
                }}
              >
                {FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_NAMES[t]}
                  </option>
                ))}
              </select>
              <select
                className="qs-input"
                aria-label={`Field ${i + 1} category`}
                value={f.category}
                onChange={(e) => update(i, { category: e.target.value as Field['category'] })}
              >
                {FIELD_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            {f.type === 'enum' && (
              <ListInput
                label={`Field ${i + 1} values, comma separated`}
                value={f.values ?? []}
                placeholder="values, comma separated"
                onChange={(values) => update(i, { values }, 'values')}
              />
            )}
            {f.type === 'enum' && (
              <ValueLabelsEditor
                field={f}
                index={i}
                onChange={(valueLabels) => update(i, { valueLabels }, 'value-labels')}
              />
            )}
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
          const taken = new Set(fields.map((f) => f.path));
          let n = fields.length + 1;
          while (taken.has(`field${n}`)) n++;
          set([...fields, { path: `field${n}`, label: `New field ${n}`, type: 'string', category: 'fit' }]);
        }}
      >
        + Field
      </button>
    </div>
  );
}
