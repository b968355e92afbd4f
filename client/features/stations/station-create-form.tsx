import { useState } from 'react';
import { STATION_KINDS, type StationKind, type StationService } from '../../../common/domain.ts';
import { FieldError, FormError } from '../../lib/field-error.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { StationServicesField } from './station-fields.tsx';
import { useStationChange } from './station-register-api.ts';

export type StationCreateFormProps = {
  token: string;
  /** the point placed on the map, or null */
  location: [number, number] | null;
  placing: boolean;
  onPlace: () => void;
  onCreated: (id: number) => void;
};

const FIELDS = ['name', 'kind', 'services', 'location', 'reason'] as const;

/** Registers a party-mass service station at a point placed on the map. */
export function StationCreateForm({
  token,
  location,
  placing,
  onPlace,
  onCreated,
}: StationCreateFormProps) {
  const { t } = useI18n();
  const change = useStationChange(token);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<StationKind>('community_station');
  const [services, setServices] = useState<StationService[]>([]);
  const [reason, setReason] = useState('');
  const error = change.error?.body ?? null;
  const err = (field: (typeof FIELDS)[number]) => (
    <FieldError error={error} field={field} label={t(`stationField.${field}`)} />
  );
  return (
    <form
      className="register-form"
      aria-label={t('registers.station.create')}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(
          {
            kind: 'create',
            body: { name, kind, services, location, ...(reason.trim() ? { reason } : {}) },
          },
          { onSuccess: (s) => s && onCreated(s.id) },
        );
      }}
    >
      <h3 className="panel__eyebrow">{t('registers.station.create')}</h3>
      <label>
        {t('stationField.name')}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        {err('name')}
      </label>
      <label>
        {t('stationField.kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as StationKind)}>
          {STATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`stationKind.${k}`)}
            </option>
          ))}
        </select>
        {err('kind')}
      </label>
      <StationServicesField services={services} onChange={setServices} />
      {err('services')}
      <div className="register-form__geometry">
        <button type="button" onClick={onPlace} disabled={placing}>
          {placing ? t('registers.station.placing') : t('registers.station.place')}
        </button>
        <small data-testid="location-status">
          {location
            ? `${location[0].toFixed(6)}, ${location[1].toFixed(6)}`
            : t('registers.station.noLocation')}
        </small>
        {err('location')}
      </div>
      <label>
        {t('stationField.reason')}
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        {err('reason')}
      </label>
      <button type="submit" disabled={change.isPending}>
        {change.isPending ? t('supervise.form.saving') : t('registers.station.submit')}
      </button>
      <FormError error={error} fields={FIELDS} />
    </form>
  );
}
