import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'list' }
  | { page: 'editor'; id: string }
  | { page: 'backtest'; id: string }
  | { page: 'sla'; id: string };

const listeners = new Set<() => void>();

function subscribe(fn: () => void) {
  listeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}

/** Reads the page from the address: `/`, `/workflows/:id`, `/workflows/:id/sla`, `/workflows/:id/backtest`. */
export function parseRoute(pathname: string): Route {
  const m = /^\/workflows\/([^/]+)(?:\/(sla|backtest))?\/?$/.exec(pathname);
  if (!m?.[1]) return { page: 'list' };
  const id = decodeURIComponent(m[1]);
  return { page: m[2] === 'sla' ? 'sla' : m[2] === 'backtest' ? 'backtest' : 'editor', id };
}

export const pathFor = (route: Route): string =>
  route.page === 'list'
    ? '/'
    : `/workflows/${encodeURIComponent(route.id)}${route.page === 'editor' ? '' : `/${route.page}`}`;

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  for (const fn of listeners) fn();
}

/** The current page; re-renders on navigation and the back button. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}
