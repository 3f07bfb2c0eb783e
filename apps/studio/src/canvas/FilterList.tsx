import { type KeyboardEvent, useId, useState } from 'react';

export interface FilterItem {
  id: string;
  label: string;
  hint?: string;
}

/**
 * Type to narrow a list, arrows to move, Enter to take: the step picker and the "Connect…" dialog's
 * target. The text box keeps the focus (a combobox); the list follows it.
 */
export function FilterList(props: {
  items: readonly FilterItem[];
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  onPick: (id: string) => void;
  onEscape?: () => void;
}) {
  const { items, label, onPick, onEscape } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = items.filter((it) => {
    const text = `${it.label} ${it.hint ?? ''} ${it.id}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const current = Math.min(active, shown.length - 1);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(shown.length, 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const it = shown[current];
      if (it) onPick(it.id);
    } else if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
    }
  };

  return (
    <div className="qs-filter-list">
      <input
        className="qs-input"
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
        placeholder={props.placeholder}
        // biome-ignore lint/a11y/noAutofocus: the picker opens where the user dropped and is typed into at once
        autoFocus={props.autoFocus}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <div id={listId} role="listbox" aria-label={label} className="qs-filter-options">
        {shown.map((it, i) => (
          <div
            key={it.id}
            tabIndex={-1}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'is-active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(it.id)}
            onKeyDown={(e) => e.key === 'Enter' && onPick(it.id)}
          >
            <strong>{it.label}</strong>
            {it.hint && <small>{it.hint}</small>}
          </div>
        ))}
        {shown.length === 0 && <p className="qs-hint">Nothing matches "{query}".</p>}
      </div>
    </div>
  );
}
