import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type DecisionEntry, type DecisionFilter, leads } from '../api/leads.ts';

const PAGE_SIZE = 25;

/**
 * Decisions matching `filter`, newest first, a page at a time: `loadMore` appends the next page (the
 * API's cursor). A new filter, or a new `reload`, starts again from the first page; a page that
 * arrives for a filter no longer shown is dropped.
 */
export function useDecisions(filter: DecisionFilter, reload = 0) {
  const [items, setItems] = useState<DecisionEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(filter);
  const current = useRef(key);
  current.current = key;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter is compared by its text (key); reload asks again
  useEffect(() => {
    let on = true;
    setItems(null);
    setError(null);
    leads
      .decisions({ ...filter, limit: PAGE_SIZE })
      .then((p) => {
        if (!on) return;
        setItems(p.items);
        setNextCursor(p.nextCursor);
      })
      .catch((err) => on && setError(errorMessage(err)));
    return () => {
      on = false;
    };
  }, [key, reload]);

  const loadMore = async () => {
    if (!nextCursor || loadingMore) return;
    const asked = key;
    setLoadingMore(true);
    try {
      const p = await leads.decisions({ ...filter, cursor: nextCursor, limit: PAGE_SIZE });
      if (current.current !== asked) return;
      setItems((before) => [...(before ?? []), ...p.items]);
      setNextCursor(p.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return { items, nextCursor, error, loadMore, loadingMore };
}
