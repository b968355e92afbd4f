import { memo } from 'react';
import type { WallSummary } from '../../../common/wall.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { RollingNumber } from './rolling-number.tsx';

/**
 * The headline figures over the map: today's events, open, overdue, coverage and committees.
 * Memoised: the clock re-renders the page every second, the figures change only with `data`.
 */
export const WallKpis = memo(function WallKpis({ data }: { data: WallSummary | null }) {
  const { t } = useI18n();
  const committees =
    data && data.committees.compounds > 0
      ? Math.round((data.committees.formed / data.committees.compounds) * 1000) / 10
      : data
        ? 0
        : undefined;
  return (
    <div className="wall-kpis" aria-label={t('wall.kpis')}>
      <Kpi label={t('wall.kpi.today')} value={data?.events.today.total} id="today" />
      <Kpi label={t('wall.kpi.open')} value={data?.events.open} id="open" />
      <Kpi label={t('wall.kpi.overdue')} value={data?.events.overdue} id="overdue" alert />
      <Kpi
        label={t('wall.kpi.coverage')}
        value={data ? Math.round(data.coverage.focus.coveredShare * 1000) / 10 : undefined}
        decimals={1}
        suffix="%"
        id="coverage"
      />
      <Kpi
        label={t('wall.kpi.committees')}
        value={committees}
        decimals={1}
        suffix="%"
        id="committees"
      />
    </div>
  );
});

type KpiProps = {
  id: string;
  label: string;
  value: number | undefined;
  decimals?: number;
  suffix?: string;
  alert?: boolean;
};

function Kpi({ id, label, value, decimals, suffix, alert }: KpiProps) {
  return (
    <div className={`wall-kpi${alert && value ? ' wall-kpi--alert' : ''}`} data-kpi={id}>
      <span className="wall-kpi__value">
        {value === undefined ? (
          '–'
        ) : (
          <RollingNumber value={value} decimals={decimals} suffix={suffix} />
        )}
      </span>
      <span className="wall-kpi__label">{label}</span>
    </div>
  );
}
