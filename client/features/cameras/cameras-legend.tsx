import { CAMERA_COLORS, CAMERA_RADIUS, toCssColor } from '../../lib/theme.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type CamerasLegendProps = {
  /** cameras on the map, or null while they load */
  count: number | null;
};

/** The camera marker at its map size, with how many cameras the platform has registered. */
export function CamerasLegend({ count }: CamerasLegendProps) {
  const { t } = useI18n();
  const size = CAMERA_RADIUS * 2;
  return (
    <ul className="legend" aria-label={t('cameras.legend')}>
      <li className="legend__item">
        <span className="legend__marker-slot" aria-hidden="true">
          <span
            className="legend__marker"
            style={{
              width: size,
              height: size,
              background: toCssColor(CAMERA_COLORS.fill),
              borderColor: toCssColor(CAMERA_COLORS.line),
              borderWidth: 1,
            }}
          />
        </span>
        <span className="legend__label">{t('cameras.legendItem')}</span>
        {count !== null && <span className="legend__count">{t('legend.count', { count })}</span>}
      </li>
    </ul>
  );
}
