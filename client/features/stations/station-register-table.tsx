import type { StationFeature } from '../../../common/api.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type StationRegisterTableProps = {
  stations: StationFeature[];
  communityName: (code: string | null | undefined) => string;
  selectedId: number | null;
  onSelect: (id: number) => void;
};

/** The stations the admin keeps, one row each. */
export function StationRegisterTable({
  stations,
  communityName,
  selectedId,
  onSelect,
}: StationRegisterTableProps) {
  const { t } = useI18n();
  return (
    <section className="committee-table register-table" aria-label={t('registers.tab.stations')}>
      <div className="committee-table__filters">
        <span className="committee-table__count" data-testid="station-count">
          {t('registers.station.count', { count: stations.length })}
        </span>
      </div>
      <div className="committee-table__scroll">
        <table>
          <thead>
            <tr>
              <th>{t('stationField.name')}</th>
              <th>{t('stationField.kind')}</th>
              <th>{t('stationField.services')}</th>
            </tr>
          </thead>
          <tbody>
            {stations.map(({ properties: s }) => (
              <tr
                key={s.id}
                data-station-id={s.id}
                aria-selected={s.id === selectedId}
                onClick={() => onSelect(s.id)}
              >
                <td>
                  <button type="button" className="link-button">
                    {s.name}
                  </button>
                  <small>{communityName(s.communityCode)}</small>
                </td>
                <td>{s.kind ? t(`stationKind.${s.kind}`) : ''}</td>
                <td>{s.services?.length ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
