import { I18nProvider } from '../lib/use-i18n.tsx';
import { AppHeader } from './app-header.tsx';
import { Dashboard } from './dashboard.tsx';
import './app.css';

/** The composition root: providers, the header and the dashboard. */
export function App() {
  return (
    <I18nProvider>
      <div className="app">
        <AppHeader />
        <Dashboard />
      </div>
    </I18nProvider>
  );
}
