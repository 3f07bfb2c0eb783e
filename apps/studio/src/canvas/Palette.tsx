import { KIND_NAMES, NODE_KINDS, type NodeKindName } from '@qualify/rules';
import { useReactFlow } from '@xyflow/react';
import type { CSSProperties, DragEvent } from 'react';
import { addNode } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';
import { kindIcon } from './kind-icon.ts';

export const KIND_MIME = 'application/x-qualify-kind';

/** Every node kind from the rules registry: drag one onto the canvas, or click to add it in view. */
export function Palette() {
  const flow = useReactFlow();
  const hasStart = useStudio((s) => s.doc?.nodes.some((n) => n.kind === 'start') ?? false);

  const add = (kind: NodeKindName) => {
    const store = useStudio.getState();
    if (!store.doc) return;
    const pane = document.querySelector('.qs-canvas')?.getBoundingClientRect();
    const center = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    // Stagger nodes added in a row so they do not land on top of each other.
    const shift = (store.doc.nodes.length % 6) * 24;
    const added = addNode(store.doc, kind, {
      x: Math.round(center.x - 110 + shift),
      y: Math.round(center.y - 40 + shift),
    });
    store.commit(added.doc, { select: [added.id] });
    store.setTab('inspector');
  };

  const onDragStart = (e: DragEvent, kind: NodeKindName) => {
    e.dataTransfer.setData(KIND_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="qs-palette" aria-label="Node palette">
      <h2 className="qs-panel-title">Add a step</h2>
      <ul>
        {KIND_NAMES.map((name) => {
          const kind = NODE_KINDS[name];
          const disabled = name === 'start' && hasStart;
          return (
            <li key={name}>
              <button
                type="button"
                className="qs-palette-item"
                style={{ '--kind-color': kind.color } as CSSProperties}
                draggable={!disabled}
                disabled={disabled}
                onDragStart={(e) => onDragStart(e, name)}
                onClick={() => add(name)}
                aria-label={`Add ${kind.title}: ${kind.blurb}`}
                title={disabled ? 'A workflow has exactly one "Lead arrives" node.' : kind.blurb}
                data-kind={name}
              >
                <span className="qs-palette-icon" aria-hidden="true">
                  {kindIcon(kind.icon)}
                </span>
                <span className="qs-palette-text">
                  <strong>{kind.title}</strong>
                  <small>{kind.blurb}</small>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="qs-palette-hint">
        Drag onto the canvas or click. Connect an exit (right) to a step's entry (left).
      </p>
    </nav>
  );
}
