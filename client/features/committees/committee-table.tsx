import {
  COMMITTEE_COMPLIANCES,
  type CommitteeCompliance,
  type CommitteeSummary,
} from '../../../common/committees.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import type { CommitteeFilters } from './committees-api.ts';

export type CommitteeTableProps = {
  committees: CommitteeSummary[];
  /** the communities the caller may filter by (code, name) */
  communities: { code: string; name: string }[];
  filters: CommitteeFilters;
  onFilters: (filters: CommitteeFilters) => void;
  selectedId: number | null;
  onSelect: (compoundId: number) => void;
};

/** The committees in the caller's area: filters by community and compliance, one row each. */
export function CommitteeTable(props: CommitteeTableProps) {
  const { t } = useI18n();
  const { filters, onFilters } = props;
  return (
    <section className="committee-table" aria-label={t('supervise.title')}>
      <div className="committee-table__filters">
        <label>
          {t('supervise.filter.community')}
          <select
            value={filters.communityCode ?? ''}
            onChange={(e) => onFilters({ ...filters, communityCode: e.target.value || undefined })}
          >
            <option value="">{t('supervise.filter.all')}</option>
            {props.communities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supervise.filter.compliance')}
          <select
            value={filters.compliance ?? ''}
            onChange={(e) =>
              onFilters({
                ...filters,
                compliance: (e.target.value || undefined) as CommitteeCompliance | undefined,
              })
            }
          >
            <option value="">{t('supervise.filter.all')}</option>
            {COMMITTEE_COMPLIANCES.map((c) => (
              <option key={c} value={c}>
                {t(`compliance.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="committee-table__count" data-testid="committee-count">
          {t('supervise.count', { count: props.committees.length })}
        </span>
      </div>
      <div className="committee-table__scroll">
        <table>
          <thead>
            <tr>
              <th>{t('supervise.col.compound')}</th>
              <th>{t('supervise.col.state')}</th>
              <th>{t('supervise.col.members')}</th>
              <th>{t('supervise.col.compliance')}</th>
              <th>{t('supervise.col.late')}</th>
            </tr>
          </thead>
          <tbody>
            {props.committees.map((c) => (
              <tr
                key={c.compoundId}
                data-compound-id={c.compoundId}
                aria-selected={c.compoundId === props.selectedId}
                onClick={() => props.onSelect(c.compoundId)}
              >
                <td>
                  <button type="button" className="link-button">
                    {c.compoundName}
                  </button>
                  <small>{c.communityName}</small>
                </td>
                <td>{t(`committeeStatus.${c.state}`)}</td>
                <td>
                  {c.counts.partyMembers}/{c.counts.members}
                </td>
                <td>
                  <span className={`compliance compliance--${c.compliance}`}>
                    {t(`compliance.${c.compliance}`)}
                  </span>
                </td>
                <td>{c.lateDuties > 0 ? c.lateDuties : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
