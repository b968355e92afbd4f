import { useI18n } from '../lib/use-i18n.tsx';
import { useHealth } from './use-health.ts';

/** Title bar: the platform's name, where the data comes from, and the language switch. */
export function AppHeader() {
  const { t, toggleLocale } = useI18n();
  const health = useHealth();
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__emblem" aria-hidden="true">
          ★
        </span>
        <div>
          <h1 className="app-header__title">{t('app.title')}</h1>
          <p className="app-header__subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      <div className="app-header__tools">
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
    </header>
  );
}
