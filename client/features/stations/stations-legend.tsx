import { STATION_KINDS } from '../../../common/domain.ts';
import { STATION_KIND_COLORS, STATION_KIND_RADII, toCssColor } from '../../lib/theme.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

/** Marker samples for the station kinds, drawn at their map size. */
export function StationsLegend() {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t('legend.stations')}>
      {STATION_KINDS.map((kind) => {
        const size = STATION_KIND_RADII[kind] * 2;
        return (
          <li key={kind} className="legend__item">
            <span className="legend__marker-slot" aria-hidden="true">
              <span
                className="legend__marker"
                style={{
                  width: size,
                  height: size,
                  background: toCssColor(STATION_KIND_COLORS[kind].fill),
                  borderColor: toCssColor(STATION_KIND_COLORS[kind].line),
                }}
              />
            </span>
            <span className="legend__label">{t(`stationKind.${kind}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}
