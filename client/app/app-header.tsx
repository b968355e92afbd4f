import { useState, type ReactNode } from 'react';
import { useI18n } from '../lib/use-i18n.tsx';
import { DemoBadge } from './demo-badge.tsx';
import type { Page } from './routes.ts';
import { useHealth } from './use-health.ts';

export type AppHeaderProps = {
  page: Page;
  /** the page's own tools (connection, user), before the language switch */
  tools?: ReactNode;
};

/**
 * Title bar: the platform's name, the pages, where the data comes from, and the language switch.
 * On a phone (phone.css) the pages and tools fold into a menu behind one button.
 */
export function AppHeader({ page, tools }: AppHeaderProps) {
  const { t, toggleLocale } = useI18n();
  const health = useHealth();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <header className={`app-header${menuOpen ? ' app-header--menu-open' : ''}`}>
      <div className="app-header__brand">
        <span className="app-header__emblem" aria-hidden="true">
          ★
        </span>
        <div>
          <h1 className="app-header__title">{t('app.title')}</h1>
          <p className="app-header__subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      <button
        type="button"
        className="app-header__menu-button"
        aria-expanded={menuOpen}
        aria-controls="app-menu"
        aria-label={t('nav.menu')}
        onClick={() => setMenuOpen((open) => !open)}
      >
        <span className="menu-icon" aria-hidden="true" />
      </button>
      <div id="app-menu" className="app-header__menu">
        <nav className="app-nav" aria-label={t('nav.label')}>
          <a className="app-nav__link" href="/" aria-current={page === 'map' ? 'page' : undefined}>
            {t('nav.map')}
          </a>
          <a
            className="app-nav__link"
            href="/dispatch"
            aria-current={page === 'dispatch' ? 'page' : undefined}
          >
            {t('nav.dispatch')}
          </a>
          <a
            className="app-nav__link"
            href="/plan"
            aria-current={page === 'plan' ? 'page' : undefined}
          >
            {t('plan.nav')}
          </a>
          <a
            className="app-nav__link"
            href="/supervise"
            aria-current={page === 'supervise' ? 'page' : undefined}
          >
            {t('nav.supervise')}
          </a>
          <a
            className="app-nav__link"
            href="/enterprises"
            aria-current={page === 'enterprises' ? 'page' : undefined}
          >
            {t('nav.enterprises')}
          </a>
          <a
            className="app-nav__link"
            href="/registers"
            aria-current={page === 'registers' ? 'page' : undefined}
          >
            {t('nav.registers')}
          </a>
          <a
            className="app-nav__link"
            href="/ledgers"
            aria-current={page === 'ledgers' ? 'page' : undefined}
          >
            {t('nav.ledgers')}
          </a>
        </nav>
        <div className="app-header__tools">
          {tools}
          <DemoBadge />
          {health.status === 'ready' && (
            <span className="app-header__status">
              <span className="status-dot" aria-hidden="true" />
              {t('app.dataSource', {
                engine: health.data.engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
                postgis: health.data.postgis,
              })}
            </span>
          )}
          <button
            type="button"
            className="locale-toggle"
            onClick={toggleLocale}
            aria-label={t('locale.switchLabel')}
          >
            {t('locale.switchTo')}
          </button>
        </div>
      </div>
    </header>
  );
}
