import { lazy, Suspense } from 'react';
import { getApiKey, setApiKey, setUnauthorizedListener } from './api/client.ts';
import { useMe } from './api/use-me.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { ApiKeyDialog } from './auth/ApiKeyDialog.tsx';
import { DeliveriesPage } from './deliveries/DeliveriesPage.tsx';
import { EditorPage } from './editor/EditorPage.tsx';
import { LeadsPage } from './leads/LeadsPage.tsx';
import { Link } from './routing/Link.tsx';
import { pathFor, type Route, useRoute } from './routing/router.ts';
import { SlaPage } from './sla/SlaPage.tsx';
import { SlaClockPage } from './sla-clock/SlaClockPage.tsx';
import { useStudio } from './store/studio-store.ts';
import { TeamPage } from './team/TeamPage.tsx';
import { Notices } from './ui/Notices.tsx';
import { WorkflowsPage } from './workflows/WorkflowsPage.tsx';

setUnauthorizedListener(() => useStudio.getState().setNeedKey('unauthorized'));

// The shadow report brings the charts; the rest of the studio loads without them.
const ShadowPage = lazy(() => import('./shadow/ShadowPage.tsx').then((m) => ({ default: m.ShadowPage })));

function WhoAmI() {
  const me = useMe();
  if (!me) return null;
  return (
    <span className="qs-me">
      {me.name} · {me.role}
      {me.mode === 'local' ? ' (local mode)' : ''}
      {/* Acting as another person (an approver reviewing an editor's proposal) is a matter of their key. */}
      <button type="button" className="qs-link-btn" onClick={() => useStudio.getState().setNeedKey('switch')}>
        {getApiKey() ? 'Switch key…' : 'Use a key…'}
      </button>
      {getApiKey() && (
        <button
          type="button"
          className="qs-link-btn"
          onClick={() => {
            setApiKey(null);
            window.location.reload();
          }}
        >
          Forget key
        </button>
      )}
    </span>
  );
}

/** The app bar's pages; the workflow pages count as "Workflows". */
const NAV: { page: Route['page']; label: string }[] = [
  { page: 'list', label: 'Workflows' },
  { page: 'team', label: 'Team' },
  { page: 'sla-clock', label: 'SLA clock' },
  { page: 'deliveries', label: 'Deliveries' },
  { page: 'leads', label: 'Leads' },
];

function AppNav({ route }: { route: Route }) {
  const current = 'id' in route ? 'list' : route.page;
  return (
    <nav className="qs-appnav" aria-label="Studio">
      {NAV.map((n) => (
        <Link
          key={n.page}
          href={pathFor({ page: n.page } as Route)}
          aria-current={current === n.page ? 'page' : undefined}
        >
          {n.label}
        </Link>
      ))}
    </nav>
  );
}

/** The studio shell: app bar, the current page, notices and the API-key prompt. */
export function App() {
  const route = useRoute();
  return (
    <div className={`qs-app is-${route.page}`}>
      <a className="qs-skip" href="#qs-main">
        Skip to content
      </a>
      <header className="qs-appbar">
        <Link href="/" className="qs-brand">
          <span className="qs-brand-mark" aria-hidden="true">
            Q
          </span>
          Qualify Studio
        </Link>
        <AppNav route={route} />
        <span className="qs-grow" />
        <WhoAmI />
      </header>
      <div id="qs-main" className="qs-main">
        {route.page === 'list' && <WorkflowsPage />}
        {/* One element for both views, so switching between the canvas and the backtest keeps the draft and its history. */}
        {(route.page === 'editor' || route.page === 'backtest') && (
          <EditorPage key={route.id} id={route.id} view={route.page === 'backtest' ? 'backtest' : 'canvas'} />
        )}
        {route.page === 'sla' && <SlaPage key={route.id} id={route.id} />}
        {route.page === 'audit' && <AuditPage key={route.id} id={route.id} />}
        {route.page === 'shadow' && (
          <Suspense fallback={<div className="qs-loading">Opening the shadow run…</div>}>
            <ShadowPage key={route.id} id={route.id} />
          </Suspense>
        )}
        {route.page === 'team' && <TeamPage />}
        {route.page === 'sla-clock' && <SlaClockPage />}
        {route.page === 'deliveries' && <DeliveriesPage />}
        {route.page === 'leads' && <LeadsPage />}
      </div>
      <Notices />
      <ApiKeyDialog />
    </div>
  );
}
