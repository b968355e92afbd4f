import type { StationFeature } from '../../../common/api.ts';
import { RecordTable } from '../../lib/record-table.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';

export type StationRegisterTableProps = {
  stations: StationFeature[];
  communityName: (code: string | null | undefined) => string;
  selectedId: number | null;
  onSelect: (id: number) => void;
};

/** The stations the admin keeps, one row each. */
export function StationRegisterTable(props: StationRegisterTableProps) {
  const { t } = useI18n();
  return (
    <RecordTable
      label={t('registers.tab.stations')}
      rows={props.stations}
      id={(s) => s.properties.id}
      rowData={(s) => ({ 'data-station-id': s.properties.id })}
      nameHeader={t('stationField.name')}
      name={(s) => s.properties.name}
      detail={(s) => props.communityName(s.properties.communityCode)}
      columns={[
        {
          header: t('stationField.kind'),
          cell: (s) => (s.properties.kind ? t(`stationKind.${s.properties.kind}`) : ''),
        },
        { header: t('stationField.services'), cell: (s) => s.properties.services?.length ?? 0 },
      ]}
      selectedId={props.selectedId}
      onSelect={props.onSelect}
      count={t('registers.station.count', { count: props.stations.length })}
      countTestId="station-count"
    />
  );
}
