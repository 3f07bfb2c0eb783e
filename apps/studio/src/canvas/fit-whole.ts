import type { ReactFlowInstance } from '@xyflow/react';
import { FIT_PADDING } from './open-view.ts';

/** The shortcut that shows the whole workflow (as in Figma). */
export const FIT_WHOLE_KEYS = { aria: 'Shift+1', text: 'Shift+1' } as const;

/** Whether a key press is the "fit the whole workflow" shortcut (by key position: Shift+1 types "!" on most layouts). */
export const isFitWholeKey = (e: KeyboardEvent) =>
  e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && e.code === 'Digit1';

/** Zooms out (never in past 1) until every step is in view. */
export function fitWhole(flow: Pick<ReactFlowInstance, 'fitView'>): void {
  void flow.fitView({ padding: FIT_PADDING, duration: 300, maxZoom: 1, minZoom: 0.01 });
}
