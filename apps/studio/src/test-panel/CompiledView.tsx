import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';

/** The draft compiled to its JSON-logic artifact by the runtime, with a Copy button. */
export function CompiledView() {
  const doc = useStudio((s) => s.doc);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!doc) return;
    let live = true;
    const t = setTimeout(() => {
      runtime.compile(doc.id, doc).then(
        (r) => {
          if (!live) return;
          setText(JSON.stringify(r.artifact, null, 2));
          setError(null);
        },
        (err) => live && setError(errorMessage(err)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [doc]);

  const copy = async () => {
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (err) {
      useStudio.getState().notify('error', `Could not copy: ${errorMessage(err)}`);
    }
  };

  return (
    <div className="qs-compiled">
      <div className="qs-row">
        <p className="qs-hint qs-grow">
          The artifact the runtime evaluates: standard JSON-logic, one entry per step.
        </p>
        <button type="button" className="qs-btn" onClick={copy} disabled={!text || Boolean(error)}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {!error && !text && <p className="qs-hint">Compiling…</p>}
      {text && !error && (
        <pre className="qs-code" data-testid="compiled-json">
          {text}
        </pre>
      )}
    </div>
  );
}
