/** Previous / next under a table paged by cursor. */
export function Pager(props: {
  number: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  label: string;
}) {
  const { number, nextCursor } = props;
  if (number === 1 && !nextCursor) return null;
  return (
    <nav className="qs-row qs-pager" aria-label={`${props.label} pages`}>
      <button type="button" className="qs-btn" disabled={number === 1} onClick={props.onPrevious}>
        ← Previous
      </button>
      <span className="qs-hint">Page {number}</span>
      <button
        type="button"
        className="qs-btn"
        disabled={!nextCursor}
        onClick={() => nextCursor && props.onNext(nextCursor)}
      >
        Next →
      </button>
    </nav>
  );
}
