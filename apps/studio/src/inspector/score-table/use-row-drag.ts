import { type PointerEvent, type RefObject, useRef, useState } from 'react';

/** A drag under way: the row picked up and the gap it would drop into (0 = before the first row). */
export interface RowDrag {
  from: number;
  slot: number;
}

/** The index a row picked up at `from` ends at when dropped into gap `slot`. */
export const dropIndex = (d: RowDrag): number => (d.slot > d.from ? d.slot - 1 : d.slot);

/**
 * Reordering rows by dragging a handle with the mouse, pen or finger: pointer events captured by the
 * handle, the gap found from the rows' midpoints (rows are `tr[data-row-index]` inside `body`).
 */
export function useRowDrag(body: RefObject<HTMLElement | null>, onDrop: (from: number, to: number) => void) {
  const [drag, setDrag] = useState<RowDrag | null>(null);
  const current = useRef<RowDrag | null>(null);
  const set = (d: RowDrag | null) => {
    current.current = d;
    setDrag(d);
  };

  const slotAt = (y: number): number => {
    const rows = body.current?.querySelectorAll<HTMLElement>('tr[data-row-index]') ?? [];
    let slot = 0;
    for (const row of rows) {
      const r = row.getBoundingClientRect();
      if (y > r.top + r.height / 2) slot = Number(row.dataset.rowIndex) + 1;
    }
    return slot;
  };

  const handleProps = (index: number) => ({
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      set({ from: index, slot: index });
    },
    onPointerMove: (e: PointerEvent<HTMLElement>) => {
      const d = current.current;
      if (!d) return;
      const slot = slotAt(e.clientY);
      if (slot !== d.slot) set({ ...d, slot });
    },
    onPointerUp: () => {
      const d = current.current;
      set(null);
      if (d && dropIndex(d) !== d.from) onDrop(d.from, dropIndex(d));
    },
    onPointerCancel: () => set(null),
  });

  return { drag, handleProps };
}
