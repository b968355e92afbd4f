import { STATION_SERVICES, type StationService } from '../../../common/domain.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type StationServicesFieldProps = {
  services: StationService[];
  onChange: (services: StationService[]) => void;
};

/** The windows a station offers (四(二)), as checkboxes. */
export function StationServicesField({ services, onChange }: StationServicesFieldProps) {
  const { t } = useI18n();
  return (
    <fieldset className="register-form__grids">
      <legend>{t('stationField.services')}</legend>
      {STATION_SERVICES.map((s) => (
        <label key={s} className="checkbox">
          <input
            type="checkbox"
            name="services"
            value={s}
            checked={services.includes(s)}
            onChange={(e) =>
              onChange(e.target.checked ? [...services, s] : services.filter((x) => x !== s))
            }
          />
          {t(`stationService.${s}`)}
        </label>
      ))}
    </fieldset>
  );
}
