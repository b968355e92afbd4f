import type { CompoundFeature } from '../../../common/api.ts';
import { COVERAGE_MODES, type CoverageMode } from '../../../common/domain.ts';
import { RecordTable } from '../../lib/record-table.tsx';
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
    <RecordTable
      label={t('registers.tab.compounds')}
      rows={props.compounds.slice(0, MAX_ROWS)}
      id={(c) => c.properties.id}
      rowData={(c) => ({ 'data-compound-id': c.properties.id })}
      nameHeader={t('compoundField.name')}
      name={(c) => c.properties.name}
      detail={(c) => props.communityName(c.properties.communityCode)}
      columns={[
        {
          header: t('compoundField.coverageMode'),
          cell: ({ properties: c }) => (c.coverageMode ? t(`coverageMode.${c.coverageMode}`) : ''),
        },
        { header: t('compoundField.households'), cell: (c) => c.properties.households },
        { header: t('compoundField.yearBuilt'), cell: (c) => c.properties.yearBuilt },
      ]}
      selectedId={props.selectedId}
      onSelect={props.onSelect}
      count={t('registers.compound.count', { count: props.compounds.length, households })}
      countTestId="compound-count"
      note={
        props.compounds.length > MAX_ROWS && (
          <p className="panel__note">{t('registers.moreRows', { shown: MAX_ROWS })}</p>
        )
      }
      filters={
        <>
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
              onChange={(e) =>
                onFilters({ ...filters, communityCode: e.target.value || undefined })
              }
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
        </>
      }
    />
  );
}
