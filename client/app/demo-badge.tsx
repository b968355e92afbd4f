import { useI18n } from '../lib/use-i18n.tsx';
import { useHealth } from './use-health.ts';

/** "Demonstration data": shown on every page and the wall while the database holds the synthetic seed. */
export function DemoBadge() {
  const { t } = useI18n();
  const health = useHealth();
  if (health.status !== 'ready' || health.data.dataOrigin !== 'demonstration') return null;
  return (
    <span className="demo-badge" title={t('app.demoDataTitle')} data-testid="demo-badge">
      {t('app.demoData')}
    </span>
  );
}
