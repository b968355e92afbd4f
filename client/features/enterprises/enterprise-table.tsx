import type { EnterpriseSummary } from '../../../common/enterprises.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type EnterpriseTableProps = {
  enterprises: readonly EnterpriseSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
};

/** The register: each enterprise serving compounds with its score and open interviews; a row opens the file. */
export function EnterpriseTable({ enterprises, selectedId, onSelect }: EnterpriseTableProps) {
  const { t } = useI18n();
  const serving = enterprises.filter((e) => e.compounds > 0);
  return (
    <div className="ent-register">
      <h3>{t('ent.table.title', { count: serving.length })}</h3>
      <div className="ent-register__scroll">
        <table className="ent-table">
          <thead>
            <tr>
              <th>{t('ent.table.name')}</th>
              <th>{t('ent.table.compounds')}</th>
              <th>{t('ent.table.score')}</th>
              <th>{t('ent.table.interviews')}</th>
            </tr>
          </thead>
          <tbody>
            {serving.map((e) => (
              <tr
                key={e.id}
                data-enterprise-id={e.id}
                aria-selected={e.id === selectedId}
                onClick={() => onSelect(e.id)}
              >
                <td>
                  <button type="button" className="link-button">
                    {e.name}
                  </button>
                </td>
                <td>{e.compounds}</td>
                <td data-score={e.score}>{e.score}</td>
                <td>{e.openInterviews}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
