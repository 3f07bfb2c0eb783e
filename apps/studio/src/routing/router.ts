import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'list' }
  | { page: 'editor'; id: string }
  | { page: 'backtest'; id: string }
  | { page: 'sla'; id: string }
  | { page: 'audit'; id: string }
  | { page: 'shadow'; id: string }
  | { page: 'team' }
  | { page: 'sla-clock' }
  | { page: 'deliveries' }
  | { page: 'leads' };

/** A workflow's own pages after its address (`/workflows/:id/<page>`); without one, the editor. */
const WORKFLOW_PAGES = ['sla', 'backtest', 'audit', 'shadow'] as const;

/** Pages that stand alone (no workflow id), by their address. */
const TOP_PAGES = {
  '/team': 'team',
  '/sla': 'sla-clock',
  '/deliveries': 'deliveries',
  '/leads': 'leads',
} as const;

const listeners = new Set<() => void>();

function subscribe(fn: () => void) {
  listeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}

/**
 * Reads the page from the address: `/`, `/workflows/:id`, `/workflows/:id/sla`, `/workflows/:id/backtest`,
 * `/workflows/:id/audit`, `/workflows/:id/shadow`, the hand-off pages `/team`, `/sla` (the SLA clock)
 * and `/deliveries`, and `/leads`.
 */
export function parseRoute(pathname: string): Route {
  const top = pathname.replace(/\/$/, '') as keyof typeof TOP_PAGES;
  if (Object.hasOwn(TOP_PAGES, top)) return { page: TOP_PAGES[top] };
  const m = /^\/workflows\/([^/]+)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m?.[1]) return { page: 'list' };
  const id = decodeURIComponent(m[1]);
  if (m[2] === undefined) return { page: 'editor', id };
  const page = WORKFLOW_PAGES.find((p) => p === m[2]);
  return page ? { page, id } : { page: 'list' };
}

export function pathFor(route: Route): string {
  if (route.page === 'list') return '/';
  if (!('id' in route)) {
    const found = Object.entries(TOP_PAGES).find(([, page]) => page === route.page);
    return found?.[0] ?? '/';
  }
  return `/workflows/${encodeURIComponent(route.id)}${route.page === 'editor' ? '' : `/${route.page}`}`;
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', path);
  for (const fn of listeners) fn();
}

/**
 * Replaces the address's query (filters a page keeps in the address) without a new history entry,
 * so the back button leaves the page rather than stepping through every filter change.
 */
export function replaceQuery(params: URLSearchParams): void {
  const query = params.toString();
  const next = `${window.location.pathname}${query ? `?${query}` : ''}`;
  if (next === window.location.pathname + window.location.search) return;
  window.history.replaceState(null, '', next);
  for (const fn of listeners) fn();
}

/** The address's query string ("?status=breached"); re-renders when it changes. */
export function useQuery(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** The current page; re-renders on navigation and the back button. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}
