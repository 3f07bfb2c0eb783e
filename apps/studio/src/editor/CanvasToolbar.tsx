import { useReactFlow } from '@xyflow/react';
import { FIT_WHOLE_KEYS, fitWhole } from '../canvas/fit-whole.ts';
import { useLayout } from '../canvas/layout-store.ts';
import { useStudio } from '../store/studio-store.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/** Undo/redo, tidy up, fit the whole workflow and the test-path switch, above the canvas. */
export function CanvasToolbar() {
  const canUndo = useStudio((s) => s.past.length > 0);
  const canRedo = useStudio((s) => s.future.length > 0);
  const undo = useStudio((s) => s.undo);
  const redo = useStudio((s) => s.redo);
  const run = useStudio((s) => s.run);
  const setRun = useStudio((s) => s.setRun);
  const tidying = useLayout((s) => s.tidying);
  const flow = useReactFlow();

  const tidy = async () => {
    if (await useLayout.getState().tidy()) requestAnimationFrame(() => fitWhole(flow));
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
      <button
        type="button"
        className="qs-btn"
        onClick={tidy}
        disabled={tidying}
        title="Arrange the steps left to right, with every connection routed around them"
      >
        {tidying ? 'Tidying…' : 'Tidy up'}
      </button>
      <button
        type="button"
        className="qs-btn"
        onClick={() => fitWhole(flow)}
        aria-keyshortcuts={FIT_WHOLE_KEYS.aria}
        title={`Fit the whole workflow (${FIT_WHOLE_KEYS.text})`}
      >
        Fit the whole workflow
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
