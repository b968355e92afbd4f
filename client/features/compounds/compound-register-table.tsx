import type { CompoundFeature } from '../../../common/api.ts';
import { COVERAGE_MODES, type CoverageMode } from '../../../common/domain.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import type { CompoundFilters } from './compound-filter.ts';

/** Rows drawn at most; the filters narrow the rest. */
const MAX_ROWS = 200;

export type CompoundRegisterTableProps = {
  /** the compounds passing the filters */
  compounds: CompoundFeature[];
  streets: { code: string; name: string }[];
  communities: { code: string; name: string; streetCode?: string }[];
  communityName: (code: string | undefined) => string;
  filters: CompoundFilters;
  onFilters: (filters: CompoundFilters) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
};

/** The compounds of the admin's area: filters by street, community, mode and name; one row each. */
export function CompoundRegisterTable(props: CompoundRegisterTableProps) {
  const { t } = useI18n();
  const { filters, onFilters } = props;
  const communities = props.communities.filter(
    (c) => !filters.streetCode || c.streetCode === filters.streetCode,
  );
  const households = props.compounds.reduce((sum, c) => sum + (c.properties.households ?? 0), 0);
  return (
    <section className="committee-table register-table" aria-label={t('registers.tab.compounds')}>
      <div className="committee-table__filters">
        {props.streets.length > 1 && (
          <label>
            {t('registers.filter.street')}
            <select
              name="streetCode"
              value={filters.streetCode ?? ''}
              onChange={(e) =>
                onFilters({
                  ...filters,
                  streetCode: e.target.value || undefined,
                  communityCode: undefined,
                })
              }
            >
              <option value="">{t('supervise.filter.all')}</option>
              {props.streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('supervise.filter.community')}
          <select
            name="communityCode"
            value={filters.communityCode ?? ''}
            onChange={(e) => onFilters({ ...filters, communityCode: e.target.value || undefined })}
          >
            <option value="">{t('supervise.filter.all')}</option>
            {communities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compoundField.coverageMode')}
          <select
            name="coverageMode"
            value={filters.coverageMode ?? ''}
            onChange={(e) =>
              onFilters({
                ...filters,
                coverageMode: (e.target.value || undefined) as CoverageMode | undefined,
              })
            }
          >
            <option value="">{t('supervise.filter.all')}</option>
            {COVERAGE_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`coverageMode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('registers.filter.name')}
          <input
            name="search"
            type="search"
            value={filters.name ?? ''}
            onChange={(e) => onFilters({ ...filters, name: e.target.value || undefined })}
          />
        </label>
        <span className="committee-table__count" data-testid="compound-count">
          {t('registers.compound.count', { count: props.compounds.length, households })}
        </span>
      </div>
      <div className="committee-table__scroll">
        <table>
          <thead>
            <tr>
              <th>{t('compoundField.name')}</th>
              <th>{t('compoundField.coverageMode')}</th>
              <th>{t('compoundField.households')}</th>
              <th>{t('compoundField.yearBuilt')}</th>
            </tr>
          </thead>
          <tbody>
            {props.compounds.slice(0, MAX_ROWS).map(({ properties: c }) => (
              <tr
                key={c.id}
                data-compound-id={c.id}
                aria-selected={c.id === props.selectedId}
                onClick={() => props.onSelect(c.id)}
              >
                <td>
                  <button type="button" className="link-button">
                    {c.name}
                  </button>
                  <small>{props.communityName(c.communityCode)}</small>
                </td>
                <td>{c.coverageMode ? t(`coverageMode.${c.coverageMode}`) : ''}</td>
                <td>{c.households}</td>
                <td>{c.yearBuilt}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.compounds.length > MAX_ROWS && (
          <p className="panel__note">{t('registers.moreRows', { shown: MAX_ROWS })}</p>
        )}
      </div>
    </section>
  );
}
