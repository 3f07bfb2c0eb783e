import { migrateWorkflow, WorkflowSchema } from '@qualify/rules';
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { Palette } from '../canvas/Palette.tsx';
import { useShortcuts } from '../canvas/use-shortcuts.ts';
import { ReviewBanner } from '../review/ReviewBanner.tsx';
import { useReviewSync } from '../review/review-actions.ts';
import { Link } from '../routing/Link.tsx';
import { useStudio } from '../store/studio-store.ts';
import { fullTime } from '../ui/time.ts';
import { CanvasToolbar } from './CanvasToolbar.tsx';
import { EditorHeader } from './EditorHeader.tsx';
import { PanelFrame } from './PanelFrame.tsx';
import { SaveBanner } from './SaveBanner.tsx';
import { SidePanel } from './SidePanel.tsx';
import { clearLocalCopy, readLocalCopy, saveNow } from './saver.ts';
import { useAutosave } from './use-autosave.ts';
import { useValidation } from './use-validation.ts';

/** Offers back an unsaved local copy left by an earlier conflict or failed save. */
function LocalCopyBanner({ id }: { id: string }) {
  const [copy, setCopy] = useState(() => readLocalCopy(id));
  if (!copy) return null;
  const restore = () => {
    const parsed = WorkflowSchema.safeParse(migrateWorkflow(copy.doc));
    const s = useStudio.getState();
    if (!parsed.success) s.notify('error', 'The local copy is not a readable workflow any more.');
    else s.commit(parsed.data);
    clearLocalCopy(id);
    setCopy(null);
  };
  return (
    <div className="qs-banner is-info" role="status">
      <span>This browser keeps an unsaved copy of this workflow from {fullTime(copy.savedAt)}.</span>
      <button type="button" className="qs-btn" onClick={restore}>
        Restore it as the draft
      </button>
      <button
        type="button"
        className="qs-btn"
        onClick={() => {
          clearLocalCopy(id);
          setCopy(null);
        }}
      >
        Discard
      </button>
    </div>
  );
}

// The backtest brings the charts; the canvas loads without them.
const BacktestPage = lazy(() =>
  import('../backtest/BacktestPage.tsx').then((m) => ({ default: m.BacktestPage })),
);

/** What the editor shows under its header: the canvas with its panels, or the backtest of the draft. */
export type EditorView = 'canvas' | 'backtest';

function CanvasView() {
  const id = useStudio((s) => s.meta?.id)!;
  const revision = useStudio((s) => s.meta?.revision);
  useShortcuts();
  return (
    <div className="qs-editor-body">
      <PanelFrame name="palette" label="Step palette" edge="left">
        <Palette />
      </PanelFrame>
      <main className="qs-canvas-wrap">
        <CanvasToolbar />
        <SaveBanner />
        {/* Re-read after every load or save: a conflict may just have left a copy behind. */}
        <LocalCopyBanner key={revision} id={id} />
        <Canvas />
      </main>
      <PanelFrame name="details" label="Details panel" edge="right">
        <SidePanel />
      </PanelFrame>
    </div>
  );
}

function Editor({ view }: { view: EditorView }) {
  // Validation and autosave run under both views: a threshold taken from the backtest is saved too.
  useValidation();
  useAutosave();
  useReviewSync();
  return (
    <ReactFlowProvider>
      <div className="qs-editor">
        <EditorHeader view={view} />
        <ReviewBanner />
        {view === 'canvas' ? (
          <CanvasView />
        ) : (
          <main className="qs-backtest-wrap">
            <SaveBanner />
            <Suspense fallback={<div className="qs-loading">Opening the backtest…</div>}>
              <BacktestPage />
            </Suspense>
          </main>
        )}
      </div>
    </ReactFlowProvider>
  );
}

/** Loads one workflow's draft into the store and shows the editor (the canvas or the backtest view). */
export function EditorPage({ id, view = 'canvas' }: { id: string; view?: EditorView }) {
  const loaded = useStudio((s) => s.meta?.id === id && s.doc !== null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    runtime.get(id).then(
      (record) => live && useStudio.getState().load(record),
      (err) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
      // Leaving the editor saves what is left, then lets go of the draft.
      void saveNow().finally(() => {
        if (useStudio.getState().meta?.id === id) useStudio.getState().unload();
      });
    };
  }, [id]);

  if (error) {
    return (
      <div className="qs-page">
        <div className="qs-empty" role="alert">
          <h1>Could not open this workflow</h1>
          <p>{error}</p>
          <Link href="/" className="qs-btn">
            Back to workflows
          </Link>
        </div>
      </div>
    );
  }
  if (!loaded) return <div className="qs-loading">Opening workflow…</div>;
  return <Editor view={view} />;
}
