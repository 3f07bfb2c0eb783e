import { useState } from 'react';

/**
 * Cursor paging as a stack: the cursors of the pages walked through, the last one showing
 * (undefined = the first page). The API only knows "next", so "previous" is remembered here.
 */
export interface Pages {
  stack: (string | undefined)[];
}

export const firstPage = (): Pages => ({ stack: [undefined] });
export const currentCursor = (p: Pages): string | undefined => p.stack[p.stack.length - 1];
export const pageNumber = (p: Pages): number => p.stack.length;
export const nextPage = (p: Pages, cursor: string): Pages => ({ stack: [...p.stack, cursor] });
export const previousPage = (p: Pages): Pages => (p.stack.length > 1 ? { stack: p.stack.slice(0, -1) } : p);

/** The paging state of one table; `reset` goes back to the first page (after a filter changes). */
export function usePages() {
  const [pages, setPages] = useState<Pages>(firstPage);
  return {
    cursor: currentCursor(pages),
    number: pageNumber(pages),
    next: (cursor: string) => setPages((p) => nextPage(p, cursor)),
    previous: () => setPages(previousPage),
    reset: () => setPages(firstPage()),
  };
}
