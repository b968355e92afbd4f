import type { WallEnterprise } from '../../../common/wall.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type EnterpriseBoardProps = {
  red: readonly WallEnterprise[];
  black: readonly WallEnterprise[];
};

/** The property enterprises' red and black lists (红黑榜) side by side, with why each is there. */
export function EnterpriseBoard({ red, black }: EnterpriseBoardProps) {
  const { t } = useI18n();
  return (
    <div className="enterprise-board">
      <List
        kind="red"
        title={t('wall.redList')}
        items={red}
        detail={(e) => t('wall.redDetail', { compounds: e.compounds, events: e.events })}
      />
      <List
        kind="black"
        title={t('wall.blackList')}
        items={black}
        detail={(e) =>
          t('wall.blackDetail', {
            overdue: e.overdue,
            reopened: e.reopened,
            breaches: e.ruleBreaches,
          })
        }
      />
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
