import type { WallEnterprise, WallEnterprises } from '../../../common/wall.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type EnterpriseBoardProps = { list: WallEnterprises };

/**
 * The latest published red and black lists (红黑榜) side by side, with each enterprise's credit
 * score and the period and rule of the publication.
 */
export function EnterpriseBoard({ list }: EnterpriseBoardProps) {
  const { t } = useI18n();
  const detail = (e: WallEnterprise) =>
    t('wall.listDetail', { score: e.score, compounds: e.compounds });
  return (
    <div className="enterprise-board-wrap">
      <p className="enterprise-board__period" data-period={list.period ?? ''}>
        {list.period
          ? t('wall.listPeriod', {
              period: list.period,
              date: list.publishedOn ?? '',
              redMin: list.redMin ?? '',
              blackMax: list.blackMax ?? '',
            })
          : t('wall.listNone')}
      </p>
      <div className="enterprise-board">
        <List kind="red" title={t('wall.redList')} items={list.red} detail={detail} />
        <List kind="black" title={t('wall.blackList')} items={list.black} detail={detail} />
      </div>
    </div>
  );
}

type ListProps = {
  kind: 'red' | 'black';
  title: string;
  items: readonly WallEnterprise[];
  detail: (e: WallEnterprise) => string;
};

function List({ kind, title, items, detail }: ListProps) {
  const { t } = useI18n();
  return (
    <div className={`enterprise-list enterprise-list--${kind}`}>
      <h3 className="enterprise-list__title">{title}</h3>
      <ol className="enterprise-list__items">
        {items.map((e, i) => (
          <li key={e.id} className="enterprise-list__item">
            <span className="enterprise-list__rank">{i + 1}</span>
            <span className="enterprise-list__name" title={e.name}>
              {shortName(e.name)}
            </span>
            <span className="enterprise-list__detail">{detail(e)}</span>
          </li>
        ))}
        {items.length === 0 && <li className="enterprise-list__empty">{t('wall.listEmpty')}</li>}
      </ol>
    </div>
  );
}

// "泉州市鲤城区美居物业管理有限公司" reads as "美居物业" on a wall
function shortName(name: string): string {
  return name
    .replace(/^(福建省?|泉州市?)(鲤城区)?/, '')
    .replace(/(服务|管理)?有限(责任)?公司$/, '')
    .replace(/物业(服务|管理)$/, '物业');
}
