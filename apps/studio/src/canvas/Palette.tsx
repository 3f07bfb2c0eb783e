import { KIND_NAMES, NODE_KINDS, type NodeKindName } from '@qualify/rules';
import { useReactFlow } from '@xyflow/react';
import type { CSSProperties, DragEvent } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { addStepNearSelection } from './add-step.ts';
import { kindIcon } from './kind-icon.ts';

export const KIND_MIME = 'application/x-qualify-kind';

/** Every node kind from the rules registry: drag one onto the canvas, or click to add it in view. */
export function Palette() {
  const flow = useReactFlow();
  const hasStart = useStudio((s) => s.doc?.nodes.some((n) => n.kind === 'start') ?? false);

  /** Beside the selected step (connected from its first free exit), else in free space mid-view. */
  const add = (kind: NodeKindName) => {
    const pane = document.querySelector('.qs-canvas')?.getBoundingClientRect();
    const center = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    addStepNearSelection(kind, center);
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
        Drag onto the canvas, or click to add beside the selected step. Connect an exit (right) to a step's
        entry (left), drop a connection on empty canvas to pick a new step there, or press C.
      </p>
    </nav>
  );
}
