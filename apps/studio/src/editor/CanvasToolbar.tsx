import { useReactFlow } from '@xyflow/react';
import { autoLayout, type Size } from '../graph/layout.ts';
import { useStudio } from '../store/studio-store.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/** Undo/redo, auto-layout, fit view and the test-path switch, above the canvas. */
export function CanvasToolbar() {
  const canUndo = useStudio((s) => s.past.length > 0);
  const canRedo = useStudio((s) => s.future.length > 0);
  const undo = useStudio((s) => s.undo);
  const redo = useStudio((s) => s.redo);
  const run = useStudio((s) => s.run);
  const setRun = useStudio((s) => s.setRun);
  const flow = useReactFlow();

  const layout = () => {
    const s = useStudio.getState();
    if (!s.doc) return;
    s.commit(autoLayout(s.doc, new Map<string, Size>(Object.entries(s.measured))));
    requestAnimationFrame(() => flow.fitView({ padding: 0.15, duration: 300, maxZoom: 1 }));
  };

  return (
    <div className="qs-toolbar" role="toolbar" aria-label="Canvas tools">
      <button
        type="button"
        className="qs-btn"
        onClick={undo}
        disabled={!canUndo}
        aria-label="Undo"
        title={`Undo (${mod}Z)`}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="qs-btn"
        onClick={redo}
        disabled={!canRedo}
        aria-label="Redo"
        title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})`}
      >
        ↷ Redo
      </button>
      <span className="qs-toolbar-sep" />
      <button type="button" className="qs-btn" onClick={layout} title="Arrange left to right">
        Auto-layout
      </button>
      <button
        type="button"
        className="qs-btn"
        onClick={() => flow.fitView({ padding: 0.15, duration: 300, maxZoom: 1 })}
      >
        Fit view
      </button>
      {run && (
        <>
          <span className="qs-toolbar-sep" />
          <span className="qs-chip is-live">Showing the test lead's path</span>
          <button type="button" className="qs-btn" onClick={() => setRun(null)}>
            Clear
          </button>
        </>
      )}
    </div>
  );
}
