import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, nextPage, pageNumber, previousPage } from './paging.ts';

describe('cursor paging', () => {
  it('walks forward by the cursors the API gives and back by memory', () => {
    let p = firstPage();
    expect([currentCursor(p), pageNumber(p)]).toEqual([undefined, 1]);
    p = nextPage(p, 'c2');
    p = nextPage(p, 'c3');
    expect([currentCursor(p), pageNumber(p)]).toEqual(['c3', 3]);
    p = previousPage(p);
    expect([currentCursor(p), pageNumber(p)]).toEqual(['c2', 2]);
    p = previousPage(previousPage(p));
    expect([currentCursor(p), pageNumber(p)]).toEqual([undefined, 1]);
  });
});
