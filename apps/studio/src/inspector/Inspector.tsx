import { kindOf, type NodeKindName } from '@qualify/rules';
import { type ComponentType, type CSSProperties, useEffect, useRef } from 'react';
import { kindIcon } from '../canvas/kind-icon.ts';
import { setMeta, updateNode } from '../graph/edits.ts';
import { portsOf } from '../graph/ports.ts';
import { useStudio } from '../store/studio-store.ts';
import { useFields } from '../store/use-doc.ts';
import { useIssuesByNode } from '../store/use-issues-by-node.ts';
import { useSelectedNode } from '../store/use-selected-node.ts';
import { IssueList } from '../ui/IssueList.tsx';
import { FormRow } from '../ui/inputs.tsx';
import type { KindEditorProps } from './kind-data.ts';
import { KIND_EDITORS } from './kind-editors.ts';

/** "4 steps selected." counts steps; connections are counted only when no step is selected. */
function selectionText(steps: number, connections: number): string {
  if (steps) return `${steps} steps selected.`;
  return `${connections} connections selected.`;
}

function WorkflowSettings() {
  const doc = useStudio((s) => s.doc);
  const commit = useStudio((s) => s.commit);
  const steps = useStudio((s) => s.selectedNodes.length);
  const connections = useStudio((s) => s.selectedEdges.length);
  const del = useStudio((s) => s.deleteSelection);
  const dup = useStudio((s) => s.duplicateSelection);
  if (!doc) return null;
  return (
    <div className="qs-inspector">
      {steps > 1 || (!steps && connections > 1) ? (
        <div className="qs-callout">
          <p>
            <strong data-testid="selection-count">{selectionText(steps, connections)}</strong> Move them
            together, or:
          </p>
          <div className="qs-row">
            <button type="button" className="qs-btn" onClick={dup}>
              Duplicate
            </button>
            <button type="button" className="qs-btn is-danger" onClick={del}>
              Delete
            </button>
          </div>
        </div>
      ) : (
        <p className="qs-hint">
          Select a step on the canvas to edit it. These are the workflow's own settings.
        </p>
      )}
      <FormRow label="Workflow name">
        {(id) => (
          <input
            id={id}
            className="qs-input"
            value={doc.name}
            onChange={(e) => commit(setMeta(doc, { name: e.target.value }), { key: 'wf-name' })}
          />
        )}
      </FormRow>
      <FormRow label="Description" hint="What the workflow agrees between marketing and sales.">
        {(id) => (
          <textarea
            id={id}
            className="qs-input"
            rows={5}
            value={doc.description}
            onChange={(e) => commit(setMeta(doc, { description: e.target.value }), { key: 'wf-desc' })}
          />
        )}
      </FormRow>
    </div>
  );
}

/** The selected node as forms: its label and its kind's own editor, never raw JSON. */
export function Inspector() {
  const node = useSelectedNode();
  const fields = useFields();
  const issues = useIssuesByNode();
  const commit = useStudio((s) => s.commit);
  const deleteSelection = useStudio((s) => s.deleteSelection);
  const formFocus = useStudio((s) => s.formFocus);
  const form = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A step just added: its first field takes the keyboard, its text selected to type over.
    if (!node || formFocus !== node.id) return;
    const first = form.current?.querySelector<HTMLInputElement>('input, select, textarea');
    first?.focus();
    first?.select?.();
    useStudio.getState().setFormFocus(null);
  }, [formFocus, node]);
  if (!node) return <WorkflowSettings />;

  const kind = kindOf(node.kind);
  if (!kind) {
    return (
      <div className="qs-inspector">
        <p className="qs-error-text">
          "{node.kind}" is not a step kind this studio knows. It is kept as it is; delete it or open the
          workflow in a newer studio.
        </p>
      </div>
    );
  }
  const parsed = kind.dataSchema.safeParse(node.data);
  const data = parsed.success ? parsed.data : node.data;
  const Editor = KIND_EDITORS[node.kind as NodeKindName] as ComponentType<KindEditorProps<unknown>> | null;
  const doc = () => useStudio.getState().doc!;
  const nodeIssues = issues.get(node.id) ?? [];

  return (
    <div className="qs-inspector" key={node.id} ref={form}>
      <header className="qs-inspector-head" style={{ '--kind-color': kind.color } as CSSProperties}>
        <span className="qs-node-icon" aria-hidden="true">
          {kindIcon(kind.icon)}
        </span>
        <div>
          <h2>{kind.title}</h2>
          <p>{kind.blurb}</p>
        </div>
      </header>
      <IssueList issues={nodeIssues} label="Problems with this step" />
      <FormRow label="Label">
        {(id) => (
          <input
            id={id}
            className="qs-input"
            value={node.label}
            onChange={(e) =>
              commit(updateNode(doc(), node.id, { label: e.target.value }), { key: `${node.id}:label` })
            }
          />
        )}
      </FormRow>
      {!parsed.success && (
        <div className="qs-callout is-warning">
          <p>Some settings of this step are not valid yet (see the problems above).</p>
          <button
            type="button"
            className="qs-link-btn"
            onClick={() => commit(updateNode(doc(), node.id, { data: kind.defaults() }))}
          >
            Reset to defaults
          </button>
        </div>
      )}
      {Editor && data !== null && typeof data === 'object' && (
        <Editor
          nodeId={node.id}
          data={data}
          fields={fields}
          onChange={(next, key) =>
            commit(updateNode(doc(), node.id, { data: next }), key ? { key: `${node.id}:${key}` } : {})
          }
        />
      )}
      <div className="qs-inspector-foot">
        {(portsOf(node)?.length ?? 0) > 0 && (
          <button
            type="button"
            className="qs-btn"
            onClick={() => useStudio.getState().setConnecting(node.id)}
            title="Connect an exit of this step to another step (C)"
          >
            Connect… <kbd>C</kbd>
          </button>
        )}
        {node.kind !== 'start' && (
          <button type="button" className="qs-btn is-danger" onClick={deleteSelection}>
            Delete step
          </button>
        )}
      </div>
    </div>
  );
}
