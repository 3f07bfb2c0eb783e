import { KIND_NAMES, NODE_KINDS, type NodeKindName } from '@qualify/rules';
import { useEffect, useRef } from 'react';
import { FilterList } from './FilterList.tsx';

const CHOICES = KIND_NAMES.filter((k) => k !== 'start').map((k) => ({
  id: k,
  label: NODE_KINDS[k].title,
  hint: NODE_KINDS[k].blurb,
}));

/**
 * The step picker that opens where a connection was dropped on empty canvas (as in n8n): type to
 * narrow, Enter or a click adds the step there, connected; Escape or a click elsewhere cancels.
 */
export function StepPicker(props: {
  at: { x: number; y: number };
  onPick: (kind: NodeKindName) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { onCancel } = props;
  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onCancel();
    };
    // Opened by the pointer-up that ended the connection: listen from the next press on.
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [onCancel]);
  const left = Math.min(props.at.x, window.innerWidth - 300);
  const top = Math.min(props.at.y, window.innerHeight - 340);
  return (
    <div
      ref={ref}
      className="qs-step-picker"
      role="dialog"
      aria-label="Add a step here"
      style={{ left, top }}
    >
      <FilterList
        items={CHOICES}
        label="Step to add"
        placeholder="Find a step…"
        autoFocus
        onPick={(id) => props.onPick(id as NodeKindName)}
        onEscape={onCancel}
      />
    </div>
  );
}
