import { useCallback, useState } from 'react';

/** The side panels of the editor that fold away so the canvas takes the width. */
export type PanelName = 'palette' | 'details';

const key = (name: PanelName) => `qs.panel.${name}`;

function readOpen(name: PanelName): boolean {
  try {
    return localStorage.getItem(key(name)) !== 'closed';
  } catch {
    return true;
  }
}

/** Whether a panel is open, remembered in this browser (localStorage) across reloads and workflows. */
export function usePanelOpen(name: PanelName): [boolean, () => void] {
  const [open, setOpen] = useState(() => readOpen(name));
  const toggle = useCallback(() => {
    setOpen((was) => {
      try {
        localStorage.setItem(key(name), was ? 'closed' : 'open');
      } catch {
        // Private mode without storage: the panel still folds, for this visit only.
      }
      return !was;
    });
  }, [name]);
  return [open, toggle];
}
