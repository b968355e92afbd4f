import type { StationFeature } from '../../common/api.ts';
import { StationCreateForm } from '../features/stations/station-create-form.tsx';
import { StationRecordView } from '../features/stations/station-record.tsx';
import { useStation } from '../features/stations/station-register-api.ts';
import { StationRegisterTable } from '../features/stations/station-register-table.tsx';
import { useI18n } from '../lib/use-i18n.tsx';

export type StationsPanelProps = {
  token: string;
  stations: StationFeature[];
  names: ReadonlyMap<string, string>;
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  location: [number, number] | null;
  placing: boolean;
  onPlace: () => void;
};

/** The stations tab: the table, then the selected station's record or the new-station form. */
export function StationsPanel(props: StationsPanelProps) {
  const { t } = useI18n();
  const station = useStation(props.token, props.selectedId);
  return (
    <>
      <StationRegisterTable
        stations={props.stations}
        communityName={(code) => (code ? (props.names.get(code) ?? code) : '')}
        selectedId={props.selectedId}
        onSelect={props.onSelect}
      />
      {props.selectedId === null ? (
        <StationCreateForm
          token={props.token}
          location={props.location}
          placing={props.placing}
          onPlace={props.onPlace}
          onCreated={props.onSelect}
        />
      ) : (
        <div className="register-panel__record">
          <button type="button" className="link-button" onClick={() => props.onSelect(null)}>
            {t('registers.station.new')}
          </button>
          {station.status === 'ready' && (
            <StationRecordView
              key={station.data.id}
              token={props.token}
              station={station.data}
              onRetired={() => props.onSelect(null)}
            />
          )}
          {station.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('supervise.loadFailed', { message: station.error.message })}
            </p>
          )}
        </div>
      )}
    </>
  );
}
