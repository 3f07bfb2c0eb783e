import type { ReactNode } from 'react';
import { type PanelName, usePanelOpen } from './use-panel-open.ts';

/**
 * A side panel that folds into a narrow strip (its toggle stays there), so the canvas takes the
 * width; the choice is remembered. `edge` is the side of the editor the panel stands on.
 */
export function PanelFrame({
  name,
  label,
  edge,
  children,
}: {
  name: PanelName;
  label: string;
  edge: 'left' | 'right';
  children: ReactNode;
}) {
  const [open, toggle] = usePanelOpen(name);
  const id = `qs-panel-${name}`;
  // The chevron points the way the panel will move.
  const arrow = (edge === 'left') === open ? '‹' : '›';
  return (
    <div className={`qs-panel-frame is-${edge} ${open ? 'is-open' : 'is-closed'}`} data-panel={name}>
      <button
        type="button"
        className="qs-panel-toggle"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        title={`${open ? 'Hide' : 'Show'} the ${label.toLowerCase()}`}
        onClick={toggle}
      >
        <span aria-hidden="true">{arrow}</span>
      </button>
      <div className="qs-panel-frame-body" id={id} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
