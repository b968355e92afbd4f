import { useState } from 'react';
import type { StationRecord } from '../../../common/api.ts';
import type { StationService } from '../../../common/domain.ts';
import { FieldError, FormError } from '../../lib/field-error.tsx';
import { districtIsoDate } from '../../lib/locale-format.ts';
import { RegisterHistory } from '../../lib/register-history.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { StationServicesField } from './station-fields.tsx';
import { useStationChange, useStationHistory } from './station-register-api.ts';

export type StationRecordViewProps = {
  token: string;
  station: StationRecord;
  onRetired: () => void;
};

const FIELDS = ['name', 'services', 'retiredOn', 'reason'] as const;
const HISTORY_FIELDS = new Set(['name', 'services', 'communityCode']);

/** One station: correct its name and services, retire it, and its history. */
export function StationRecordView({ token, station, onRetired }: StationRecordViewProps) {
  const { t } = useI18n();
  const change = useStationChange(token);
  const history = useStationHistory(token, station.id);
  const [retire, setRetire] = useState(false);
  const [name, setName] = useState(station.name);
  const [services, setServices] = useState<StationService[]>(station.services);
  const [retiredOn, setRetiredOn] = useState(() => districtIsoDate(Date.now()));
  const [reason, setReason] = useState('');
  const error = change.error?.body ?? null;
  const err = (field: (typeof FIELDS)[number]) => (
    <FieldError error={error} field={field} label={t(`stationField.${field}`)} />
  );
  const submit = () => {
    const why = reason.trim() ? { reason } : {};
    if (retire) {
      change.mutate(
        { kind: 'retire', id: station.id, body: { version: station.version, retiredOn, reason } },
        { onSuccess: onRetired },
      );
    } else {
      change.mutate({
        kind: 'edit',
        id: station.id,
        body: { version: station.version, name, services, ...why },
      });
    }
  };
  return (
    <section
      className="register-record"
      data-station-id={station.id}
      data-version={station.version}
    >
      <h2 className="side-panel__title">{station.name}</h2>
      <p>{t(`stationKind.${station.kind}`)}</p>
      <form
        className="register-form"
        aria-label={t('registers.change')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="checkbox">
          <input
            type="checkbox"
            name="retire"
            checked={retire}
            onChange={(e) => setRetire(e.target.checked)}
          />
          {t('registers.station.retire')}
        </label>
        {!retire && (
          <>
            <label>
              {t('stationField.name')}
              <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
              {err('name')}
            </label>
            <StationServicesField services={services} onChange={setServices} />
            {err('services')}
          </>
        )}
        {retire && (
          <label>
            {t('stationField.retiredOn')}
            <input
              type="date"
              name="retiredOn"
              value={retiredOn}
              onChange={(e) => setRetiredOn(e.target.value)}
            />
            {err('retiredOn')}
          </label>
        )}
        <label>
          {t('stationField.reason')}
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          {err('reason')}
        </label>
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? t('supervise.form.saving') : t('supervise.form.submit')}
        </button>
        <FormError error={error} fields={FIELDS} />
      </form>
      <RegisterHistory
        history={history}
        labelOf={(k) => (HISTORY_FIELDS.has(k) ? t(`stationField.${k as 'name'}`) : null)}
        valueOf={(k, v) =>
          k === 'services'
            ? (v as StationService[]).map((s) => t(`stationService.${s}`)).join('、')
            : String(v ?? '—')
        }
      />
    </section>
  );
}
