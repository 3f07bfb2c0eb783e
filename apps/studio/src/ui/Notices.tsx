import { useStudio } from '../store/studio-store.ts';

/** Errors and confirmations from anywhere in the studio; errors stay until dismissed. */
export function Notices() {
  const notices = useStudio((s) => s.notices);
  const dismiss = useStudio((s) => s.dismiss);
  if (!notices.length) return null;
  return (
    <div className="qs-notices">
      {notices.map((n) => (
        <div key={n.id} className={`qs-notice is-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.message}</span>
          <button type="button" className="qs-icon-btn" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
