import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { type CSSProperties, memo, useEffect, useRef } from 'react';
import type { FlowNode } from './to-flow.ts';

/**
 * The one node component: every kind draws from its registry entry (icon, colour, title),
 * its label, the one-line summary and one labelled exit per port.
 */
function WorkflowNodeViewImpl({ id, data, selected }: NodeProps<FlowNode>) {
  const updateInternals = useUpdateNodeInternals();
  const portKey = data.ports.map((p) => p.id).join('\u0000');
  const measuredPorts = useRef(portKey);
  useEffect(() => {
    // React Flow measures new nodes itself; re-measure only when the exits change later on.
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateInternals(id);
  }, [id, portKey, updateInternals]);

  const errors = data.issues.filter((i) => i.severity === 'error');
  const warnings = data.issues.length - errors.length;
  const classes = [
    'qs-node',
    errors.length ? 'has-errors' : warnings ? 'has-warnings' : '',
    data.run ? `is-${data.run}` : '',
    data.changed ? 'is-changed' : '',
    selected ? 'is-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const issueText = data.issues.map((i) => `• ${i.message}`).join('\n');

  return (
    <div
      className={classes}
      style={{ '--kind-color': data.color, height: data.height } as CSSProperties}
      data-kind={data.kind}
    >
      {data.entry && (
        <Handle type="target" id="in" position={Position.Left} className="qs-handle qs-handle-in" />
      )}
      <div className="qs-node-head">
        <span className="qs-node-icon" aria-hidden="true">
          {data.icon}
        </span>
        <span className="qs-node-kind">{data.title}</span>
        {data.changed && (
          <span className="qs-node-changed" data-testid="changed-badge">
            Changed
          </span>
        )}
        {data.issues.length > 0 && (
          <span
            className={`qs-node-badge ${errors.length ? 'is-error' : 'is-warning'}`}
            title={issueText}
            role="img"
            aria-label={`${data.issues.length} problem${data.issues.length === 1 ? '' : 's'}: ${issueText}`}
            data-testid="issue-badge"
          >
            {data.issues.length}
          </span>
        )}
      </div>
      <div className="qs-node-label" title={data.label || undefined}>
        {data.label || <em>Untitled</em>}
      </div>
      {data.summary && (
        <div className="qs-node-summary" title={data.summary}>
          {data.summary}
        </div>
      )}
      {data.ports.length > 0 && (
        <ul className="qs-node-ports">
          {data.ports.map((p) => (
            <li key={p.id} className="qs-node-port" data-port={p.id}>
              <span>{p.label}</span>
              <Handle
                type="source"
                id={p.id}
                position={Position.Right}
                className="qs-handle qs-handle-out"
                title={`Drag from "${p.label}" to connect`}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const WorkflowNodeView = memo(WorkflowNodeViewImpl);
