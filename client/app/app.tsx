import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../lib/query-client.ts';
import { I18nProvider } from '../lib/use-i18n.tsx';
import { SessionProvider } from '../lib/use-session.tsx';
import { DispatchPage } from './dispatch-page.tsx';
import { EnterprisesPage } from './enterprises-page.tsx';
import { LedgersPage } from './ledgers-page.tsx';
import { MapPage } from './map-page.tsx';
import { PlanPage } from './plan-page.tsx';
import { RedBlackListPage } from './red-black-list-page.tsx';
import { RegistersPage } from './registers-page.tsx';
import { pageFor } from './routes.ts';
import { SupervisePage } from './supervise-page.tsx';
import { WallPage } from './wall-page.tsx';
import './app.css';
import './dispatch.css';
import './enterprises.css';
import './ledgers.css';
import './plan.css';
import './registers.css';
import './supervise.css';
import './wall.css';
import './phone.css';

/** The one cache of server state for the page's lifetime. */
const queryClient = createQueryClient();

/** The composition root: providers, then the page for the path (map, dispatch, plan, wall, supervise, registers, enterprises, red-black-list). */
export function App() {
  const page = pageFor(window.location.pathname);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <div className={`app app--${page}`}>
            {page === 'dispatch' ? (
              <DispatchPage />
            ) : page === 'plan' ? (
              <PlanPage />
            ) : page === 'wall' ? (
              <WallPage />
            ) : page === 'supervise' ? (
              <SupervisePage />
            ) : page === 'enterprises' ? (
              <EnterprisesPage />
            ) : page === 'red-black-list' ? (
              <RedBlackListPage />
            ) : page === 'registers' ? (
              <RegistersPage />
            ) : page === 'ledgers' ? (
              <LedgersPage />
            ) : (
              <MapPage />
            )}
          </div>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
